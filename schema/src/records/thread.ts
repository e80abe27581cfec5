import * as Y from "yjs";
import { type Actor, isActor, plainActor } from "../actors.ts";
import { isStamp, type Stamp } from "../clock.ts";
import { hasUnsafeCharacters, MAX_TITLE_LENGTH, UNSAFE_TEXT_MESSAGE } from "../validation.ts";
import {
  canPost,
  changedOutside,
  fieldsOf,
  NO_TEXT_FIELDS,
  type RootWriteRule,
  sameActorAs,
} from "../write-rules/entry-write.ts";
import { type Decoded, decodeEntry, shapeProblem } from "./decode.ts";
import { isString, oneOf } from "./guards.ts";

export const THREAD_STATUSES = ["active", "resolved", "archived"] as const;
export type ThreadStatus = (typeof THREAD_STATUSES)[number];

export interface NewThread {
  readonly id: string;
  readonly title: string;
  readonly createdBy: Actor;
  readonly createdAt: Stamp;
  readonly status: ThreadStatus;
}

/** A decoded thread entry, with the live Y.Map for operations that change it. */
export interface ThreadRecord extends NewThread {
  readonly entry: Y.Map<unknown>;
}

const threadShape = {
  required: {
    id: isString,
    title: isString,
    createdBy: isActor,
    createdAt: isStamp,
    status: oneOf(THREAD_STATUSES),
  },
  optional: {},
};

export function decodeThread(key: string, entry: unknown): Decoded<ThreadRecord> {
  return decodeEntry(`threads/${key}`, key, entry, threadShape);
}

export function insertThread(threads: Y.Map<unknown>, thread: NewThread): void {
  const entry = new Y.Map<unknown>();
  threads.set(thread.id, entry);
  entry.set("id", thread.id);
  entry.set("title", thread.title);
  entry.set("createdBy", plainActor(thread.createdBy));
  entry.set("createdAt", thread.createdAt);
  entry.set("status", thread.status);
}

export function writeThreadStatus(thread: ThreadRecord, status: ThreadStatus): void {
  thread.entry.set("status", status);
}

export function writeThreadTitle(thread: ThreadRecord, title: string): void {
  thread.entry.set("title", title);
}

const STATUS_AND_TITLE: ReadonlySet<string> = new Set(["status", "title"]);

/**
 * Who may write a thread entry: a member creates it as its `createdBy`; afterwards only its
 * status and title change, by its creator or a moderator. Never removed or replaced.
 */
export const threadWrites: RootWriteRule = {
  entries: "map",
  check(write, writer) {
    if (!canPost(writer)) return "may not write threads with this access";
    const after = fieldsOf(write.after);
    if (after === undefined || write.replaced) return "removes or replaces a thread";
    const problem = shapeProblem(after, threadShape, NO_TEXT_FIELDS);
    if (problem !== undefined) return `thread: ${problem}`;
    if (after.id !== write.key) return "thread id differs from its key";
    if (typeof after.title === "string" && after.title.length > MAX_TITLE_LENGTH) {
      return `thread title longer than ${MAX_TITLE_LENGTH} characters`;
    }
    if (typeof after.title === "string" && hasUnsafeCharacters(after.title)) {
      return `thread title ${UNSAFE_TEXT_MESSAGE}`;
    }
    const before = fieldsOf(write.before);
    if (before === undefined) {
      return sameActorAs(after.createdBy, writer) ? undefined : "creates a thread for someone else";
    }
    if (changedOutside(write, STATUS_AND_TITLE) !== undefined) {
      return "changes a thread's fixed fields";
    }
    if (!writer.moderator && !sameActorAs(before.createdBy, writer)) {
      return "changes the status or title of someone else's thread";
    }
    return undefined;
  },
};
