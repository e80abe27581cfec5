import * as Y from "yjs";
import { type Actor, isActor, plainActor } from "../actors.ts";
import { isStamp, type Stamp } from "../clock.ts";
import { hasUnsafeCharacters, MAX_TITLE_LENGTH, UNSAFE_TEXT_MESSAGE } from "../validation.ts";
import {
  canPost,
  changedOutside,
  type EntryFields,
  type EntryLookup,
  type EntryWrite,
  fieldsOf,
  NO_TEXT_FIELDS,
  type RootWriteRule,
  sameActorAs,
  type Writer,
} from "../write-rules/entry-write.ts";
import { type Decoded, decodeEntry, shapeProblem } from "./decode.ts";
import { isRecord, isString, oneOf } from "./guards.ts";

export const FORK_STATUSES = ["open", "resolved", "abandoned"] as const;
export type ForkStatus = (typeof FORK_STATUSES)[number];

export interface ForkResolution {
  readonly text: string;
  readonly summaryMessageId: string;
  readonly resolvedBy: Actor;
  readonly resolvedAt: Stamp;
}

export interface NewFork {
  readonly id: string;
  readonly threadId: string;
  readonly parentMessageId: string;
  readonly title: string;
  readonly createdBy: Actor;
  readonly createdAt: Stamp;
}

export interface ForkRecord extends NewFork {
  readonly status: ForkStatus;
  readonly resolution?: ForkResolution;
  readonly closedBy?: Actor;
  readonly closedAt?: Stamp;
  readonly entry: Y.Map<unknown>;
}

export function isForkResolution(value: unknown): value is ForkResolution {
  return (
    isRecord(value) &&
    isString(value.text) &&
    isString(value.summaryMessageId) &&
    isActor(value.resolvedBy) &&
    isStamp(value.resolvedAt)
  );
}

const forkShape = {
  required: {
    id: isString,
    threadId: isString,
    parentMessageId: isString,
    title: isString,
    createdBy: isActor,
    createdAt: isStamp,
    status: oneOf(FORK_STATUSES),
  },
  optional: { resolution: isForkResolution, closedBy: isActor, closedAt: isStamp },
};

export function decodeFork(key: string, entry: unknown): Decoded<ForkRecord> {
  return decodeEntry(`forks/${key}`, key, entry, forkShape);
}

export function insertFork(forks: Y.Map<unknown>, fork: NewFork): void {
  const entry = new Y.Map<unknown>();
  forks.set(fork.id, entry);
  entry.set("id", fork.id);
  entry.set("threadId", fork.threadId);
  entry.set("parentMessageId", fork.parentMessageId);
  entry.set("title", fork.title);
  entry.set("createdBy", plainActor(fork.createdBy));
  entry.set("createdAt", fork.createdAt);
  entry.set("status", "open" satisfies ForkStatus);
}

export function writeForkResolved(fork: ForkRecord, resolution: ForkResolution): void {
  fork.entry.set("resolution", {
    text: resolution.text,
    summaryMessageId: resolution.summaryMessageId,
    resolvedBy: plainActor(resolution.resolvedBy),
    resolvedAt: resolution.resolvedAt,
  });
  fork.entry.set("status", "resolved" satisfies ForkStatus);
}

export function writeForkAbandoned(fork: ForkRecord, closedBy: Actor, closedAt: Stamp): void {
  fork.entry.set("closedBy", plainActor(closedBy));
  fork.entry.set("closedAt", closedAt);
  fork.entry.set("status", "abandoned" satisfies ForkStatus);
}

const CLOSING_FIELDS: ReadonlySet<string> = new Set([
  "status",
  "resolution",
  "closedBy",
  "closedAt",
]);

/** An agent closes a fork only by resolving it with its own summary reply of that fork. */
function isOwnSummary(after: EntryFields, forkId: string, writer: Writer, lookup: EntryLookup) {
  if (writer.actor.kind !== "agent" || !isForkResolution(after.resolution)) return false;
  const summary = fieldsOf(lookup.after("messages", after.resolution.summaryMessageId));
  return (
    summary !== undefined &&
    sameActorAs(summary.author, writer) &&
    summary.kind === "fork-summary" &&
    summary.summaryOfForkId === forkId
  );
}

/** Closing (resolving or abandoning) names the closer, who is the creator or a moderator. */
function closingProblem(
  write: EntryWrite,
  after: EntryFields,
  writer: Writer,
  lookup: EntryLookup,
) {
  const creator = fieldsOf(write.before)?.createdBy ?? after.createdBy;
  const allowed =
    sameActorAs(creator, writer) ||
    (writer.moderator && writer.actor.kind === "human") ||
    isOwnSummary(after, write.key, writer, lookup);
  if (!allowed) return "closes someone else's fork";
  if (after.status === "resolved") {
    return isForkResolution(after.resolution) && sameActorAs(after.resolution.resolvedBy, writer)
      ? undefined
      : "resolves a fork without naming its resolver";
  }
  if (after.status === "abandoned") {
    return sameActorAs(after.closedBy, writer) ? undefined : "abandons a fork for someone else";
  }
  return after.resolution === undefined && after.closedBy === undefined
    ? undefined
    : "marks an open fork as closed";
}

/**
 * Who may write a fork entry: a member creates it as its `createdBy`; it is closed once, by its
 * creator, a moderator, or the agent whose summary reply resolves it. Never removed or replaced.
 */
export const forkWrites: RootWriteRule = {
  entries: "map",
  check(write, writer, lookup) {
    if (!canPost(writer)) return "may not write forks with this access";
    const after = fieldsOf(write.after);
    if (after === undefined || write.replaced) return "removes or replaces a fork";
    const problem = shapeProblem(after, forkShape, NO_TEXT_FIELDS);
    if (problem !== undefined) return `fork: ${problem}`;
    if (after.id !== write.key) return "fork id differs from its key";
    if (typeof after.title === "string" && after.title.length > MAX_TITLE_LENGTH) {
      return `fork title longer than ${MAX_TITLE_LENGTH} characters`;
    }
    if (typeof after.title === "string" && hasUnsafeCharacters(after.title)) {
      return `fork title ${UNSAFE_TEXT_MESSAGE}`;
    }
    const before = fieldsOf(write.before);
    if (before === undefined) {
      if (!sameActorAs(after.createdBy, writer)) return "creates a fork for someone else";
      return after.status === "open" ? undefined : closingProblem(write, after, writer, lookup);
    }
    if (changedOutside(write, CLOSING_FIELDS) !== undefined) return "changes a fork's fixed fields";
    return write.changed.size === 0 ? undefined : closingProblem(write, after, writer, lookup);
  },
};
