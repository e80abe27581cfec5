// What the server's write guard hands to a record's write rule: one entry of a root map, as it
// stood before a peer's update and as that update would leave it, in plain values. A rule
// answers with a reason to refuse, or undefined to allow. Rules are pure: the guard decodes the
// update once and asks every touched entry's rule (see write-rules/table.ts).
import type { Actor } from "../actors.ts";
import type { RootName } from "../layout.ts";
import { isRecord } from "../records/guards.ts";

/** Who sent an update, as the server knows it from the connection (never from the content). */
export interface Writer {
  /** The sending principal as an actor: a person ("human") or an agent, by user id. */
  readonly actor: Actor;
  /** Who owns the client ids it writes under: its user id, or its bridge key for a bridge. */
  readonly clientOwner: string;
  /** "write": a member of the channel; "react": a guest, who may only react. */
  readonly access: "write" | "react";
  /** A workspace admin, who may moderate as the operations allow (tombstone, unpin, close). */
  readonly moderator: boolean;
  /**
   * Whether this writer writes as the actor with this id (of its own kind): itself, or, for a
   * bridge, any agent whose task it holds in this channel.
   */
  actsAs(actorId: string): boolean;
  /** Whether this writer may write the state of task `taskId` in a reply by agent `agentId`. */
  mayWriteTask(taskId: string, agentId: string): boolean;
}

/** A Y.Text field as a rule sees it: its length after the update and what the update did. */
export interface TextField {
  readonly kind: "text";
  readonly length: number;
  readonly inserted: number;
  readonly deleted: number;
}

export function isTextField(value: unknown): value is TextField {
  return isRecord(value) && value.kind === "text" && typeof value.length === "number";
}

/** A map entry's fields (Y.Text fields as TextField); a plain-valued root's entry is its value. */
export type EntryFields = Readonly<Record<string, unknown>>;

export interface EntryWrite {
  readonly key: string;
  /** The entry before the update; undefined: the update creates it. */
  readonly before: unknown;
  /** The entry after the update; undefined: the update removes it. */
  readonly after: unknown;
  /** A map entry whose key the update sets to a new map while one was stored (a replacement). */
  readonly replaced: boolean;
  /** Fields of a map entry that the update sets, deletes or edits (text). */
  readonly changed: ReadonlySet<string>;
}

/** Other entries as the update would leave them, for rules that look across entries. */
export interface EntryLookup {
  after(root: RootName, key: string): unknown;
}

/** Who may write one root map's entries: a reason to refuse, or undefined. */
export type WriteRule = (
  write: EntryWrite,
  writer: Writer,
  lookup: EntryLookup,
) => string | undefined;

/** The entry shape each root map holds: Y.Map entries of fields, or one plain value per key. */
export interface RootWriteRule {
  readonly entries: "map" | "value";
  /** Fields of a map entry held as Y.Text (others are plain values). */
  readonly textFields?: ReadonlySet<string>;
  readonly check: WriteRule;
}

export function sameActorAs(value: unknown, writer: Writer): boolean {
  return (
    isRecord(value) &&
    value.kind === writer.actor.kind &&
    typeof value.id === "string" &&
    writer.actsAs(value.id)
  );
}

/** The fields of `write.changed` outside `allowed`, if any. */
export function changedOutside(
  write: EntryWrite,
  allowed: ReadonlySet<string>,
): string | undefined {
  for (const field of write.changed) if (!allowed.has(field)) return field;
  return undefined;
}

export function fieldsOf(entry: unknown): EntryFields | undefined {
  return isRecord(entry) ? entry : undefined;
}

/** The two parts of a `${entity}|${actorId}` key, both non-empty; undefined for any other key. */
export function splitOwnedKey(key: string): [entity: string, actorId: string] | undefined {
  const parts = key.split("|");
  if (parts.length !== 2) return undefined;
  const [entity, actorId] = parts;
  return entity && actorId ? [entity, actorId] : undefined;
}

/** Rules for plain-valued roots whose key ends with the owner's actor id (`...|actorId`). */
export function ownKeyedValue(
  ownerOf: (key: string) => string | undefined,
  isValue: (value: unknown) => boolean,
  canWrite: (writer: Writer) => boolean,
): WriteRule {
  return (write, writer) => {
    if (!canWrite(writer)) return "may not write here with this access";
    const owner = ownerOf(write.key);
    if (owner === undefined || !writer.actsAs(owner)) return "writes another actor's entry";
    if (write.after !== undefined && !isValue(write.after)) return "writes a malformed value";
    return undefined;
  };
}

export const NO_TEXT_FIELDS: ReadonlySet<string> = new Set();

export const canPost = (writer: Writer): boolean => writer.access === "write";
