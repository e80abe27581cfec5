// The refused copies of one person, in Dexie (so they survive reloads until dismissed), and the
// old copies of channels split since they were stored (one-document layout, old-copies.ts in
// offline/). An old copy spans threads: each thread's messages are compared with that thread's
// document in turn (`threadToCompare`, then `finishThread`), and the copy is `kept` once every
// thread is.
import { defaultEnv } from "@openvibe/schema";
import { liveQuery } from "dexie";
import * as Y from "yjs";
import type { KeptCopy, LocalDatabase, OwnMessage } from "../../local/database.ts";
import { ownMessages } from "./own-messages.ts";

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.byteLength === b.byteLength && a.every((byte, index) => byte === b[index]);
}

export class KeptCopies {
  private readonly db: LocalDatabase;
  private readonly userId: string;

  constructor(db: LocalDatabase, userId: string) {
    this.db = db;
    this.userId = userId;
  }

  /**
   * Saves the refused `doc` of a channel with this person's messages in it. A copy refused while
   * its re-posts were unacknowledged (they are in `doc`) is only kept, never re-posted again, and
   * the earlier copy keeps just the messages it could not re-post.
   */
  async keep(channelId: string, doc: Y.Doc): Promise<void> {
    const copy: KeptCopy = {
      id: crypto.randomUUID(),
      userId: this.userId,
      channelId,
      savedAt: Date.now(),
      update: Y.encodeStateAsUpdate(doc),
      messages: ownMessages(doc, this.userId),
      state: "recovering",
    };
    await this.db.transaction("rw", this.db.keptCopies, async () => {
      const reposting = (await this.forChannel(channelId)).filter((c) => c.state === "reposting");
      for (const earlier of reposting) await this.db.keptCopies.put({ ...earlier, state: "kept" });
      await this.db.keptCopies.add(reposting.length > 0 ? { ...copy, state: "kept" } : copy);
    });
  }

  /**
   * Saves a local copy of a channel in the one-document layout, which must not sync (the server
   * has split the channel): its own messages are compared thread by thread with the server's thread
   * documents (`threadsLeft`), those missing posted again (recovery.ts).
   */
  async keepOldCopy(channelId: string, doc: Y.Doc): Promise<KeptCopy> {
    const messages = ownMessages(doc, this.userId);
    const threadsLeft = [...new Set(messages.map((message) => message.threadId))];
    const copy: KeptCopy = {
      id: crypto.randomUUID(),
      userId: this.userId,
      channelId,
      savedAt: Date.now(),
      update: Y.encodeStateAsUpdate(doc),
      messages,
      state: threadsLeft.length === 0 ? "kept" : "recovering",
      reason: "old-layout",
      threadsLeft,
    };
    // A page that stopped between keeping the copy and emptying the log keeps it again on the
    // next load: the same copy is kept once (its messages would otherwise be posted twice).
    return this.db.transaction("rw", this.db.keptCopies, async () => {
      const earlier = (await this.forChannel(channelId)).find(
        (c) => c.reason === "old-layout" && sameBytes(c.update, copy.update),
      );
      if (earlier !== undefined) return earlier;
      await this.db.keptCopies.add(copy);
      return copy;
    });
  }

  /**
   * The messages an old copy lists for a thread it has not compared yet, each with the id its
   * re-post takes (given once and stored before any is posted); null when the thread is not (or
   * no longer) listed. The caller holds the copy's lock (recovery.ts) until `finishThread`.
   */
  async threadToCompare(copyId: string, threadId: string): Promise<OwnMessage[] | null> {
    return this.db.transaction("rw", this.db.keptCopies, async () => {
      const copy = await this.db.keptCopies.get(copyId);
      if (copy?.threadsLeft?.includes(threadId) !== true) return null;
      const withIds = (message: OwnMessage): OwnMessage =>
        message.threadId !== threadId || message.repostId !== undefined
          ? message
          : { ...message, repostId: defaultEnv.newId() };
      const messages = copy.messages.map(withIds);
      await this.db.keptCopies.put({ ...copy, messages });
      return messages.filter((message) => message.threadId === threadId);
    });
  }

  /**
   * Records a thread compared (`threadToCompare`): of its messages only `unsent` (not posted
   * again) stay listed, `reposted` more were posted; the copy is `kept` once no thread is left.
   */
  async finishThread(
    copyId: string,
    threadId: string,
    unsent: readonly OwnMessage[],
    reposted: number,
  ): Promise<void> {
    await this.db.transaction("rw", this.db.keptCopies, async () => {
      const copy = await this.db.keptCopies.get(copyId);
      if (copy === undefined) return;
      const stays = new Set(unsent.map((message) => message.id));
      const messages = copy.messages.filter((m) => m.threadId !== threadId || stays.has(m.id));
      const threadsLeft = (copy.threadsLeft ?? []).filter((each) => each !== threadId);
      const done = threadsLeft.length === 0;
      await this.db.keptCopies.put({
        ...copy,
        messages,
        threadsLeft,
        reposted: (copy.reposted ?? 0) + reposted,
        state: done ? "kept" : copy.state,
      });
    });
  }

  forChannel(channelId: string): Promise<KeptCopy[]> {
    return this.db.keptCopies.where({ userId: this.userId, channelId }).sortBy("savedAt");
  }

  /** Calls `listener` with the channel's copies now and after every change (any tab). */
  watch(channelId: string, listener: (copies: KeptCopy[]) => void): () => void {
    const subscription = liveQuery(() => this.forChannel(channelId)).subscribe({
      next: listener,
      error: reportError,
    });
    return () => subscription.unsubscribe();
  }

  /**
   * Replaces a copy's state, messages and re-posted count. A kept copy stays until the person
   * dismisses it, even with no message left: the notice tells them the server refused a change.
   */
  async update(
    copy: KeptCopy,
    changes: Pick<KeptCopy, "state" | "messages"> & Pick<Partial<KeptCopy>, "reposted">,
  ): Promise<void> {
    await this.db.keptCopies.put({ ...copy, ...changes });
  }

  dismiss(id: string): Promise<void> {
    return this.db.keptCopies.delete(id);
  }
}
