// The messages of threads this device holds but the page does not have open, for search results:
// a result's title and text are read from its thread's document, and the page follows only the
// open ones (channel-feed.ts), so offline, a result in a held thread not opened since the page
// loaded would have nothing to show. Such a thread's local copy is read when a result needs it,
// and read again when a result needs a message the copy read lacks (the thread changed since,
// while open here or in another tab). Copies are kept until their thread is opened here or leaves
// the catalogue, at most MAX_COPIES (the oldest read goes first). `onRead` is called when a read
// ends, so the results are worked out again.
import {
  readSearchableMessage,
  type SearchableMessage,
  threadDocumentName,
} from "@openvibe/schema";
import type * as Y from "yjs";
import type { HeldThreads } from "./held-threads.ts";

/** Copies kept at most (a page of results names at most 50 threads). */
const MAX_COPIES = 100;

export class HeldCopies {
  private readonly copies = new Map<string, Y.Doc>();
  private readonly reading = new Set<string>();
  private readonly held: HeldThreads;
  private readonly onRead: () => void;
  private destroyed = false;

  constructor(held: HeldThreads, onRead: () => void) {
    this.held = held;
    this.onRead = onRead;
  }

  /** The message as the thread's copy read says (undefined: not read, or not in it). */
  messageOf(channelId: string, threadId: string, messageId: string): SearchableMessage | undefined {
    const copy = this.copies.get(threadDocumentName(channelId, threadId));
    return copy === undefined ? undefined : readSearchableMessage(copy, messageId);
  }

  /** Reads (again) the copies of these threads, those held and not open here. */
  read(documentNames: Iterable<string>): void {
    const open = new Set(this.held.open());
    const held = this.held.names.get();
    for (const name of [...this.copies.keys()]) {
      if (open.has(name) || !held.has(name)) this.drop(name);
    }
    for (const name of new Set(documentNames)) {
      if (!held.has(name) || open.has(name) || this.reading.has(name)) continue;
      this.reading.add(name);
      this.held.readCopy(name).then(
        (copy) => this.keep(name, copy),
        (error: unknown) => {
          this.reading.delete(name);
          reportError(error);
        },
      );
    }
  }

  private keep(name: string, copy: Y.Doc): void {
    this.reading.delete(name);
    if (this.destroyed) {
      copy.destroy();
      return;
    }
    this.drop(name);
    this.copies.set(name, copy);
    for (const oldest of this.copies.keys()) {
      if (this.copies.size <= MAX_COPIES) break;
      this.drop(oldest);
    }
    this.onRead();
  }

  private drop(name: string): void {
    this.copies.get(name)?.destroy();
    this.copies.delete(name);
  }

  destroy(): void {
    this.destroyed = true;
    for (const name of [...this.copies.keys()]) this.drop(name);
  }
}
