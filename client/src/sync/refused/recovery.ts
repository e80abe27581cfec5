// After a thread document's copy synced with the server: the kept copies of that thread (a
// refused thread document holds only its own thread's messages) are compared with the server's
// copy. Their messages the server lacks are posted again as new operations when this
// person may still write there (each re-post is a fresh, valid operation: no loop), otherwise kept
// for the notice; the copy stays (with how many were re-posted) until the person dismisses it. A copy refused again while re-posting is only kept (kept-copies.ts).
// An old copy of a channel from before its split spans threads: each thread replica that syncs
// compares its own thread's messages in the copy (once, under the copy's lock) and re-posts
// those it lacks.
import type { Actor } from "@openvibe/schema";
import type * as Y from "yjs";
import type { KeptCopy } from "../../local/database.ts";
import { exclusively } from "../web-locks.ts";
import type { KeptCopies } from "./kept-copies.ts";
import { holdsRepost, unsentMessages } from "./own-messages.ts";
import { repost } from "./repost.ts";

/** What the recovery needs of a replica that has just synced. */
export interface SyncedCopy {
  readonly channelId: string;
  /**
   * The thread the synced document holds: only copies of this thread's messages are its own.
   * Null: a document holding every thread (the one-document layout), all copies are.
   */
  readonly threadId: string | null;
  readonly doc: Y.Doc;
  /** Whether the connection lets this person write (the server's word, on the socket). */
  writable(): boolean;
  /** Resolves once the local changes are acknowledged, or the server refused them, or it closed. */
  settled(): Promise<"acknowledged" | "refused" | "closed">;
}

export interface RecoveryOptions {
  copies: KeptCopies;
  actor: Actor;
  /** Whether the channel's current metadata lets this person write (false when unknown). */
  mayWrite(channelId: string): Promise<boolean>;
}

export async function recoverKeptCopies(copy: SyncedCopy, options: RecoveryOptions): Promise<void> {
  await recoverOldCopies(copy, options);
  const { copies } = options;
  const { threadId } = copy;
  const open = (await copies.forChannel(copy.channelId)).filter(
    (c) =>
      c.state !== "kept" &&
      c.threadsLeft === undefined &&
      (threadId === null || c.messages.every((m) => m.threadId === threadId)),
  );
  if (open.length === 0) return;
  const writable = copy.writable() && (await options.mayWrite(copy.channelId));
  for (const kept of open) {
    const unsent = unsentMessages(kept.messages, copy.doc);
    // A copy left "reposting" by an earlier page may have been posted already: never twice.
    if (!writable || kept.state === "reposting") {
      await copies.update(kept, { state: "kept", messages: unsent });
    } else await repostCopy(copy, kept, unsent, options);
  }
}

/**
 * The old copies' part only (safe to run again, or from two places at once: each thread is taken
 * once): for a thread document, its thread's messages in old copies of the channel.
 */
export async function recoverOldCopies(copy: SyncedCopy, options: RecoveryOptions): Promise<void> {
  const { threadId } = copy;
  if (threadId === null) return;
  const old = (await options.copies.forChannel(copy.channelId)).filter(
    (c) => c.threadsLeft?.includes(threadId) === true,
  );
  if (old.length === 0) return;
  const writable = copy.writable() && (await options.mayWrite(copy.channelId));
  for (const kept of old) await recoverThreadOfOldCopy(copy, threadId, kept, writable, options);
}

/**
 * One thread of an old copy, under the copy's lock (any tab), so two pages never post it twice.
 * A page that stopped mid-way (the lock goes with it) left the thread listed and its re-posts'
 * ids stored: the next comparison counts those the document holds (the server took them, or
 * the local log will send them) and posts the others.
 */
async function recoverThreadOfOldCopy(
  copy: SyncedCopy,
  threadId: string,
  kept: KeptCopy,
  writable: boolean,
  { copies, actor }: RecoveryOptions,
): Promise<void> {
  await exclusively(`openvibe:old-copy:${kept.id}`, async () => {
    const listed = await copies.threadToCompare(kept.id, threadId);
    if (listed === null) return;
    const postedEarlier = listed.filter((message) => holdsRepost(copy.doc, message)).length;
    const unsent = unsentMessages(listed, copy.doc);
    const unposted = writable ? repost(copy.doc, actor, unsent) : unsent;
    const reposted = postedEarlier + unsent.length - unposted.length;
    await copies.finishThread(kept.id, threadId, unposted, reposted);
  });
}

async function repostCopy(
  copy: SyncedCopy,
  kept: KeptCopy,
  unsent: KeptCopy["messages"],
  { copies, actor }: RecoveryOptions,
): Promise<void> {
  if (unsent.length === 0) return copies.update(kept, { state: "kept", messages: [] });
  await copies.update(kept, { state: "reposting", messages: unsent });
  const unposted = repost(copy.doc, actor, unsent);
  const reposted = unsent.length - unposted.length;
  await copies.update(kept, { state: "reposting", messages: unposted, reposted });
  if ((await copy.settled()) === "acknowledged") {
    await copies.update(kept, { state: "kept", messages: unposted, reposted });
  }
}
