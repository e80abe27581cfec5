// The page's side of keeping the index worker current. The worker indexes per channel; a split
// channel's messages live in its thread documents (docs/history-split.md), and this device holds
// only some of them: those open in the registry (on screen, visited, or fetched for offline).
// Each held document is followed from when it is loaded: all its messages are sent once (the
// index skips those it already holds unchanged), then the messages each change touches, gathered
// for a moment (a streamed reply is a change per token). Messages of a document closed later stay
// in the index while the thread is held (held-threads.ts takes out those evicted). The worker's
// per-channel state is a fixed mark, so a saved index is reused as it is across reloads
// (whichever threads are open then); it asks for a channel's whole listing only when it has none
// (first time, or a rebuilt index). Reading a changed message is a few microseconds; indexing,
// saving and searching are the worker's.
import {
  hasLink,
  isImageAttachment,
  listSearchableMessages,
  observeMessageContent,
  readSearchableMessage,
  type SearchableMessage,
  stampWallTime,
} from "@openvibe/schema";
import * as Y from "yjs";
import type { Observable } from "../state/observable.ts";
import { yieldToEventLoop } from "./chunked.ts";
import type { IndexedMessage } from "./search-index.ts";
import type { ToIndex } from "./worker/protocol.ts";

/** One document of a channel held in the browser (a DocumentReplica). */
export interface HeldDocument {
  readonly doc: Y.Doc;
  readonly loaded: Observable<boolean>;
}

/** What the feed needs of a channel: the documents of it held now, and when that set changes. */
export interface HeldChannel {
  readonly channelId: string;
  documents(): readonly HeldDocument[];
  /** Changes when a document is opened or closed (absent: the set never changes). */
  readonly opened?: Observable<number>;
}

interface Followed {
  readonly channel: HeldChannel;
  /** Its messages are being sent whole: changes wait until they all are. */
  listing: boolean;
  /** Each followed document, and how to stop following it. */
  readonly documents: Map<Y.Doc, () => void>;
  stop: () => void;
}

/**
 * The worker's state of every channel: fixed, since what the page holds of a channel is a
 * changing set of documents whose messages are all sent as each is followed.
 */
const CHANNEL_STATE = Y.encodeStateVector(new Y.Doc());
const PENDING_DELAY_MS = 60;
/** Messages per listing part: each part is copied to the worker in a task of its own. */
const LISTING_PART = 1_000;

export function toIndexed(channelId: string, message: SearchableMessage): IndexedMessage {
  return {
    id: message.id,
    channelId,
    threadId: message.threadId,
    forkId: message.forkId,
    authorId: message.author.id,
    createdAt: stampWallTime(message.createdAt) ?? 0,
    pinned: message.pinned,
    hasFork: message.hasFork,
    hasFile: message.attachments.length > 0,
    hasImage: message.attachments.some(isImageAttachment),
    // Attached files' names are searchable words of the message, after its text.
    body: [message.body, ...message.attachments.map((a) => a.name)]
      .filter((part) => part.trim() !== "")
      .join("\n"),
    hasLink: hasLink(message.body),
  };
}

export class ChannelFeed {
  private readonly followed = new Map<string, Followed>();
  /** Changed messages per channel, each with the document to read it from. */
  private readonly pending = new Map<string, Map<string, Y.Doc>>();
  private pendingTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly open: (channelId: string) => HeldChannel;
  private readonly post: (message: ToIndex) => void;

  constructor(open: (channelId: string) => HeldChannel, post: (message: ToIndex) => void) {
    this.open = open;
    this.post = post;
  }

  /** Keeps exactly these channels indexed. */
  watch(channelIds: readonly string[]): void {
    for (const [id, followed] of this.followed) {
      if (channelIds.includes(id)) continue;
      followed.stop();
      this.followed.delete(id);
      this.pending.delete(id);
    }
    this.post({ type: "channels", channelIds: [...channelIds] });
    for (const id of channelIds) {
      if (this.followed.has(id)) continue;
      this.follow(this.open(id));
    }
  }

  private follow(channel: HeldChannel): void {
    const { channelId } = channel;
    const followed: Followed = { channel, listing: false, documents: new Map(), stop: () => {} };
    this.followed.set(channelId, followed);
    this.post({ type: "held", channelId, vector: CHANNEL_STATE });
    const update = () => this.followDocuments(followed);
    const stopOpened = channel.opened?.subscribe(update) ?? (() => {});
    followed.stop = () => {
      stopOpened();
      for (const stop of followed.documents.values()) stop();
      followed.documents.clear();
    };
    update();
  }

  /** Follows the channel's documents held now; stops following those closed. */
  private followDocuments(followed: Followed): void {
    const held = followed.channel.documents();
    const docs = new Set(held.map((each) => each.doc));
    for (const [doc, stop] of followed.documents) {
      if (docs.has(doc)) continue;
      stop();
      followed.documents.delete(doc);
    }
    for (const document of held) {
      if (!followed.documents.has(document.doc)) this.followDocument(followed, document);
    }
  }

  /** From when it is loaded: all its messages once, then each change. */
  private followDocument(followed: Followed, { doc, loaded }: HeldDocument): void {
    const { channelId } = followed.channel;
    let stop = () => {};
    const start = () => {
      if (!loaded.get() || followed.documents.get(doc) !== stopDocument) return;
      stopLoaded();
      stop = observeMessageContent(doc, ({ messageIds }) =>
        this.queueChanged(channelId, doc, messageIds),
      );
      this.queueChanged(
        channelId,
        doc,
        listSearchableMessages(doc).map((message) => message.id),
      );
    };
    const stopLoaded = loaded.subscribe(start);
    const stopDocument = () => {
      stopLoaded();
      stop();
    };
    followed.documents.set(doc, stopDocument);
    start();
  }

  /** Sends every message of a thread's copy read here (a document not followed), if its channel is. */
  indexCopy(channelId: string, doc: Y.Doc): void {
    if (!this.followed.has(channelId)) return;
    this.queueChanged(
      channelId,
      doc,
      listSearchableMessages(doc).map((message) => message.id),
    );
  }

  /** The worker asks for every message of a channel (its index holds none of it). */
  async sendAll(channelId: string): Promise<void> {
    const followed = this.followed.get(channelId);
    if (followed === undefined || followed.listing) return;
    followed.listing = true;
    const messages = followed.channel
      .documents()
      .filter((document) => document.loaded.get())
      .flatMap((document) => listSearchableMessages(document.doc))
      .filter((message) => !message.deleted);
    const total = messages.length;
    let done = 0;
    do {
      if (this.followed.get(channelId) !== followed) return;
      const part = messages.slice(done, done + LISTING_PART).map((m) => toIndexed(channelId, m));
      done += part.length;
      this.post({ type: "listing", channelId, vector: CHANNEL_STATE, messages: part, done, total });
      if (done < total) await yieldToEventLoop();
    } while (done < total);
    followed.listing = false;
    this.flush();
  }

  private queueChanged(channelId: string, doc: Y.Doc, messageIds: readonly string[]): void {
    let ids = this.pending.get(channelId);
    if (ids === undefined) {
      ids = new Map();
      this.pending.set(channelId, ids);
    }
    for (const id of messageIds) ids.set(id, doc);
    this.pendingTimer ??= setTimeout(() => this.flush(), PENDING_DELAY_MS);
  }

  /** Sends the changes gathered so far (before a search: edits show at once). */
  flush(): void {
    if (this.pendingTimer !== null) clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    for (const [channelId, ids] of this.pending) {
      const followed = this.followed.get(channelId);
      if (followed === undefined || followed.listing) continue;
      const put: IndexedMessage[] = [];
      const removed: string[] = [];
      for (const [id, doc] of ids) {
        const message = readSearchableMessage(doc, id);
        if (message === undefined || message.deleted) removed.push(id);
        else put.push(toIndexed(channelId, message));
      }
      this.pending.delete(channelId);
      this.post({ type: "changes", channelId, vector: CHANNEL_STATE, put, removed });
    }
  }

  /** A message of a held document as it is now. */
  messageOf(channelId: string, messageId: string): SearchableMessage | undefined {
    const followed = this.followed.get(channelId);
    for (const doc of followed?.documents.keys() ?? []) {
      const message = readSearchableMessage(doc, messageId);
      if (message !== undefined) return message;
    }
    return undefined;
  }

  destroy(): void {
    for (const followed of this.followed.values()) followed.stop();
    this.followed.clear();
    if (this.pendingTimer !== null) clearTimeout(this.pendingTimer);
  }
}
