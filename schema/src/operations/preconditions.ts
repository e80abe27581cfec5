import type * as Y from "yjs";
import { type Actor, type ActorKind, sameActor } from "../actors.ts";
import { ChannelError } from "../errors.ts";
import { assertDocumentWritable } from "../migrations/version.ts";
import type { ForkRecord } from "../records/fork.ts";
import { requireFork, requireThread } from "../records/lookup.ts";
import { isDeleted, type MessageRecord } from "../records/message.ts";
import type { ThreadRecord } from "../records/thread.ts";
import { assertActor } from "../validation.ts";

/** Admins may act on entries they do not own (delete, unpin, close) when the caller says so. */
export interface Moderation {
  readonly moderator?: boolean;
}

/** Checks shared by every write: a well-formed actor, and a document this code may write. */
export function assertCanWrite(doc: Y.Doc, actor: Actor, requiredKind?: ActorKind): void {
  assertActor(actor, requiredKind);
  assertDocumentWritable(doc);
}

export function assertOwner(
  actor: Actor,
  owner: Actor,
  moderation: Moderation,
  what: string,
): void {
  if (!sameActor(actor, owner) && moderation.moderator !== true) {
    throw new ChannelError("not_author", `only the author may ${what}`);
  }
}

export function assertThreadOpen(thread: ThreadRecord): void {
  if (thread.status === "archived") {
    throw new ChannelError("thread_archived", `thread ${thread.id} is archived`, {
      entity: "thread",
      id: thread.id,
    });
  }
}

export function assertForkOpen(fork: ForkRecord): void {
  if (fork.status !== "open") {
    throw new ChannelError("fork_closed", `fork ${fork.id} is ${fork.status}`, {
      entity: "fork",
      id: fork.id,
    });
  }
}

/**
 * The open fork `forkId`, which `actor` may close or ask to close: its creator, or a moderator
 * (`moderation` says which; pass `{}` to deny moderation).
 */
export function requireOpenForkOf(
  doc: Y.Doc,
  actor: Actor,
  forkId: string,
  moderation: Moderation,
  what: string,
): ForkRecord {
  assertCanWrite(doc, actor);
  const fork = requireFork(doc, forkId);
  assertOwner(actor, fork.createdBy, moderation, what);
  assertForkOpen(fork);
  return fork;
}

export function assertNotDeleted(message: MessageRecord): void {
  if (isDeleted(message)) {
    throw new ChannelError("message_deleted", `message ${message.id} is deleted`, {
      entity: "message",
      id: message.id,
    });
  }
}

export interface PostTarget {
  readonly thread: ThreadRecord;
  readonly fork: ForkRecord | undefined;
}

/** Where new messages may go: an existing, non-archived thread, and an open fork of it. */
export function requirePostTarget(doc: Y.Doc, threadId: string, forkId: string | null): PostTarget {
  const thread = requireThread(doc, threadId);
  assertThreadOpen(thread);
  if (forkId === null) return { thread, fork: undefined };
  const fork = requireFork(doc, forkId);
  if (fork.threadId !== thread.id) {
    throw new ChannelError(
      "invalid_target",
      `fork ${forkId} does not belong to thread ${threadId}`,
      {
        entity: "fork",
        id: forkId,
      },
    );
  }
  assertForkOpen(fork);
  return { thread, fork };
}

/** Edits follow the same read-only rules as posts: archived threads and closed forks. */
export function assertMessageWritable(doc: Y.Doc, message: MessageRecord): void {
  requirePostTarget(doc, message.threadId, message.forkId);
}
