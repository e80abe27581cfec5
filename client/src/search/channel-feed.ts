// The page's side of keeping the index worker current. The page holds every joined channel's
// document anyway; it tells the worker when a channel's copy is loaded (at which state), sends
// all its messages when the worker's index does not cover that state, and then sends the
// messages each change touches, gathered for a moment (a streamed reply is a change per token).
// Reading a changed message is a few microseconds; indexing, saving and searching are the
// worker's.
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

/** What the feed needs of a channel held in the browser (a DocumentReplica). */
export interface HeldChannel {
  readonly channelId: string;
  readonly doc: Y.Doc;
  readonly loaded: Observable<boolean>;
}

interface Followed {
  readonly channel: HeldChannel;
  /** Its messages are being sent whole: changes wait until they all are. */
  listing: boolean;
  stop: () => void;
}

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
  private readonly pending = new Map<string, Set<string>>();
  private pendingTimer: ReturnType<typeof setTimeout> | null = null;
  private readonly open: (channelId: string) => HeldChannel;
  private readonly post: (message: ToIndex) => void;

  constructor(open: (channelId: string) => HeldChannel, post: (message: ToIndex) => void) {
    this.open = open;
    this.post = post;
  }

  /**
   * Keeps exactly these channels indexed; a channel whose held copy was replaced is followed
   * again (the worker then compares the new copy's state with what it indexed).
   */
  watch(channelIds: readonly string[]): void {
    for (const [id, followed] of this.followed) {
      if (channelIds.includes(id)) continue;
      followed.stop();
      this.followed.delete(id);
      this.pending.delete(id);
    }
    this.post({ type: "channels", channelIds: [...channelIds] });
    for (const id of channelIds) {
      const channel = this.open(id);
      const followed = this.followed.get(id);
      if (followed?.channel === channel) continue;
      followed?.stop();
      this.follow(channel);
    }
  }

  private follow(channel: HeldChannel): void {
    const followed: Followed = { channel, listing: false, stop: () => {} };
    const { channelId, doc, loaded } = channel;
    this.followed.set(channelId, followed);
    const start = () => {
      if (!loaded.get() || this.followed.get(channelId) !== followed) return;
      stopLoaded();
      followed.stop = observeMessageContent(doc, ({ messageIds }) =>
        this.queueChanged(channelId, messageIds),
      );
      this.post({ type: "held", channelId, vector: Y.encodeStateVector(doc) });
    };
    const stopLoaded = loaded.subscribe(start);
    followed.stop = stopLoaded;
    start();
  }

  /** The worker asks for every message of a channel (its index does not cover this state). */
  async sendAll(channelId: string): Promise<void> {
    const followed = this.followed.get(channelId);
    if (followed === undefined || followed.listing) return;
    followed.listing = true;
    const { doc } = followed.channel;
    const messages = listSearchableMessages(doc).filter((message) => !message.deleted);
    const vector = Y.encodeStateVector(doc);
    const total = messages.length;
    let done = 0;
    do {
      if (this.followed.get(channelId) !== followed) return;
      const part = messages.slice(done, done + LISTING_PART).map((m) => toIndexed(channelId, m));
      done += part.length;
      this.post({ type: "listing", channelId, vector, messages: part, done, total });
      if (done < total) await yieldToEventLoop();
    } while (done < total);
    followed.listing = false;
    this.flush();
  }

  private queueChanged(channelId: string, messageIds: readonly string[]): void {
    let ids = this.pending.get(channelId);
    if (ids === undefined) {
      ids = new Set();
      this.pending.set(channelId, ids);
    }
    for (const id of messageIds) ids.add(id);
    this.pendingTimer ??= setTimeout(() => this.flush(), PENDING_DELAY_MS);
  }

  /** Sends the changes gathered so far (before a search: edits show at once). */
  flush(): void {
    if (this.pendingTimer !== null) clearTimeout(this.pendingTimer);
    this.pendingTimer = null;
    for (const [channelId, ids] of this.pending) {
      const followed = this.followed.get(channelId);
      if (followed === undefined || followed.listing) continue;
      const { doc } = followed.channel;
      const put: IndexedMessage[] = [];
      const removed: string[] = [];
      for (const id of ids) {
        const message = readSearchableMessage(doc, id);
        if (message === undefined || message.deleted) removed.push(id);
        else put.push(toIndexed(channelId, message));
      }
      this.pending.delete(channelId);
      this.post({ type: "changes", channelId, vector: Y.encodeStateVector(doc), put, removed });
    }
  }

  /** A message of a held channel as it is now. */
  messageOf(channelId: string, messageId: string): SearchableMessage | undefined {
    const doc = this.followed.get(channelId)?.channel.doc;
    return doc === undefined ? undefined : readSearchableMessage(doc, messageId);
  }

  destroy(): void {
    for (const followed of this.followed.values()) followed.stop();
    this.followed.clear();
    if (this.pendingTimer !== null) clearTimeout(this.pendingTimer);
  }
}
