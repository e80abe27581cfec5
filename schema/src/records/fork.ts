import * as Y from "yjs";
import { type Actor, isActor, plainActor } from "../actors.ts";
import { isStamp, type Stamp } from "../clock.ts";
import { type Decoded, decodeEntry } from "./decode.ts";
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
