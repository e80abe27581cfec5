// The refused channel copies of one person, in Dexie (so they survive reloads until dismissed).
import { liveQuery } from "dexie";
import * as Y from "yjs";
import type { KeptCopy, LocalDatabase } from "../../local/database.ts";
import { ownMessages } from "./own-messages.ts";

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
