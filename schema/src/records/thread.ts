import * as Y from "yjs";
import { type Actor, isActor, plainActor } from "../actors.ts";
import { isStamp, type Stamp } from "../clock.ts";
import { type Decoded, decodeEntry } from "./decode.ts";
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
