import type * as Y from "yjs";
import { type Actor, isActor, plainActor } from "../actors.ts";
import { compareStamps, isStamp, type Stamp } from "../clock.ts";
import { isEntityId } from "../ids.ts";
import { messageVersionsMap, ROOT_NAMES } from "../layout.ts";
import { MAX_BODY_LENGTH } from "../validation.ts";
import {
  canPost,
  type EntryFields,
  fieldsOf,
  type RootWriteRule,
  sameActorAs,
  type Writer,
} from "../write-rules/entry-write.ts";
import { isRecord, isString } from "./guards.ts";

/**
 * An earlier text of an edited message: a value of the `messageVersions` map, keyed by its own
 * id, written by the edit that replaced it (one per edit, so concurrent edits on two devices keep
 * both earlier texts). Never changed; removed only with the message (a tombstone takes its
 * history with it).
 */
export interface MessageVersionRecord {
  readonly messageId: string;
  /** The text as it read before the edit. */
  readonly body: string;
  /** Who wrote that text: the message's author. */
  readonly by: Actor;
  /** When that text was written: the message's creation or the edit before. */
  readonly writtenAt: Stamp;
  /** The edit that replaced it. */
  readonly replacedAt: Stamp;
}

export function isMessageVersionRecord(value: unknown): value is MessageVersionRecord {
  return (
    isRecord(value) &&
    isEntityId(value.messageId) &&
    isString(value.body) &&
    value.body.length <= MAX_BODY_LENGTH &&
    isActor(value.by) &&
    isStamp(value.writtenAt) &&
    isStamp(value.replacedAt) &&
    compareStamps(value.writtenAt, value.replacedAt) <= 0 &&
    Object.keys(value).length === 5
  );
}

export function insertMessageVersion(
  doc: Y.Doc,
  versionId: string,
  version: MessageVersionRecord,
): void {
  messageVersionsMap(doc).set(versionId, {
    messageId: version.messageId,
    body: version.body,
    by: plainActor(version.by),
    writtenAt: version.writtenAt,
    replacedAt: version.replacedAt,
  });
}

/** Removes every earlier text of a message (with its tombstone). */
export function removeMessageVersions(doc: Y.Doc, messageId: string): void {
  const versions = messageVersionsMap(doc);
  for (const [key, value] of [...versions.entries()]) {
    if (isMessageVersionRecord(value) && value.messageId === messageId) versions.delete(key);
  }
}

/**
 * A new earlier text must belong to an edited message of the writer's. A deleted one too: an
 * edit made offline may reach the server after a moderator's tombstone (read models show no
 * history of a deleted message). Its `replacedAt` is not compared with the message's `editedAt`:
 * two devices' concurrent edits set `editedAt` last-writer-wins by Yjs client id, not by time, so
 * an honest device's later edit may leave an earlier `editedAt` standing.
 */
function creationProblem(
  version: MessageVersionRecord,
  message: EntryFields | undefined,
  writer: Writer,
): string | undefined {
  if (message === undefined) return "writes an earlier version of no message";
  if (!sameActorAs(message.author, writer) || !sameActorAs(version.by, writer)) {
    return "writes an earlier version of someone else's message";
  }
  const { editedAt, createdAt } = message;
  if (!isStamp(editedAt)) return "writes an earlier version of a message never edited";
  if (!isStamp(createdAt) || compareStamps(version.writtenAt, createdAt) < 0) {
    return "writes an earlier version older than its message";
  }
  return undefined;
}

/**
 * Who may write `messageVersions`: the message's author adds one with each edit; nobody changes one; the author or a moderator removes them once the message is a
 * tombstone (deleting a message deletes its history).
 */
export const messageVersionWrites: RootWriteRule = {
  entries: "value",
  check(write, writer, lookup) {
    if (!canPost(writer)) return "may not write message versions with this access";
    if (!isEntityId(write.key)) return "writes a message version under a malformed key";
    if (write.after === undefined) {
      if (!isMessageVersionRecord(write.before)) return undefined;
      const message = fieldsOf(lookup.after(ROOT_NAMES.messages, write.before.messageId));
      if (message === undefined || message.deletedAt === undefined) {
        return "removes an earlier version of a live message";
      }
      return sameActorAs(message.author, writer) || writer.moderator
        ? undefined
        : "removes an earlier version of someone else's message";
    }
    if (write.before !== undefined) return "changes an earlier version of a message";
    if (!isMessageVersionRecord(write.after)) return "writes a malformed message version";
    const message = fieldsOf(lookup.after(ROOT_NAMES.messages, write.after.messageId));
    return creationProblem(write.after, message, writer);
  },
};
