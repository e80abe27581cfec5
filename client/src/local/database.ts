// Dexie: what the shell needs to start offline (the signed-in user, the
// workspace, channels, people and agents as last fetched), per-thread
// drafts, each channel's context items as a person last fetched them, "Remember this" requests
// made offline, the copies of channels the server refused or that predate the split (kept for
// export and for re-posting one's own messages), and which thread documents are held offline. Conversation content is not here:
// it lives in each channel's Y.Doc, persisted by sync/local-store.
import type {
  ChannelView,
  ContextItemView,
  CreateContextItemRequest,
  SessionView,
  ThreadsPage,
  UserView,
  WorkspaceView,
} from "@openvibe/schema";
import { Dexie, type EntityTable } from "dexie";

export interface CachedValue<K extends string, V> {
  key: K;
  value: V;
}

export type Singleton =
  /** Where an earlier version cached the session; now moved to localStorage at start. */
  | CachedValue<"session", SessionView>
  | CachedValue<"workspace", WorkspaceView>
  /** A split channel's threads older than its index's window, as far as they were paged. */
  | CachedValue<`older-threads:${string}`, ThreadsPage>;

export interface Draft {
  /** `${channelId}/${threadId}`, or `${channelId}/fork:${forkId}`. */
  key: string;
  text: string;
  updatedAt: number;
}

/** One of a person's own messages in a refused copy, as it was written there. */
export interface OwnMessage {
  id: string;
  threadId: string;
  /** null: the thread's main line. */
  forkId: string | null;
  body: string;
  createdAt: string;
  /**
   * An old copy's message: the id its re-post takes, stored before it is posted, so a comparison
   * cut short (the page closed before recording it) and run again recognises the re-post.
   */
  repostId?: string;
}

/**
 * A channel copy whose writes the server refused (`write-refused`), kept instead of lost.
 * `recovering`: not yet compared with the server's copy; `reposting`: its messages not
 * re-postable are listed, the others were posted again and await the server's acknowledgement;
 * `kept`: the messages listed could not be sent and are shown until dismissed.
 */
export interface KeptCopy {
  id: string;
  userId: string;
  channelId: string;
  savedAt: number;
  /** Y.encodeStateAsUpdate of the refused copy. */
  update: Uint8Array;
  messages: OwnMessage[];
  state: "recovering" | "reposting" | "kept";
  /**
   * Why it was kept: the server refused a write of it (absent: kept before this field), or it is
   * a local copy of a channel in the one-document layout the server has since split.
   */
  reason?: "refused" | "old-layout";
  /** An old copy's threads whose messages are not compared with the server's yet. */
  threadsLeft?: string[];
  /** How many of the copy's unsent messages were posted again (absent: none yet). */
  reposted?: number;
}

/**
 * A thread document this browser holds for one person (its log is in IndexedDB, see
 * sync/local-copy-names.ts), for the offline budget and "available offline".
 */
export interface HeldDocument {
  /** `${userId}/${documentName}`. */
  key: string;
  userId: string;
  documentName: string;
  channelId: string;
  threadId: string;
  /** The log's bytes as last stored. */
  bytes: number;
  /** When the person last opened it (ms); a thread fetched in the background: its last activity. */
  usedAt: number;
  /** The thread's last activity (ms) when a background fetch last synced it. */
  fetchedAt?: number;
}

/** A "Remember this" made while the server could not be reached, waiting to be sent. */
export interface QueuedRemember {
  /** The item's id, chosen here: sent twice, it still makes one item. */
  itemId: string;
  userId: string;
  channelId: string;
  request: CreateContextItemRequest;
  queuedAt: number;
  /** Why the server refused it (kept, with its text, until the person discards it); null: waiting. */
  refused: string | null;
}

/** The context items one person last fetched for one channel, for reading offline. */
export interface ContextItemsCopy {
  /** `${userId}/${channelId}`: another person signing in here never sees them. */
  key: string;
  items: ContextItemView[];
  savedAt: number;
}

export class LocalDatabase extends Dexie {
  singletons!: EntityTable<Singleton, "key">;
  channels!: EntityTable<ChannelView, "id">;
  people!: EntityTable<UserView, "id">;
  drafts!: EntityTable<Draft, "key">;
  keptCopies!: EntityTable<KeptCopy, "id">;
  contextItems!: EntityTable<ContextItemsCopy, "key">;
  rememberQueue!: EntityTable<QueuedRemember, "itemId">;
  heldDocuments!: EntityTable<HeldDocument, "key">;

  constructor(name = "openvibe") {
    super(name);
    this.version(1).stores({
      singletons: "key",
      channels: "id",
      people: "id",
      drafts: "key",
    });
    this.version(2).stores({ keptCopies: "id, [userId+channelId]" });
    this.version(3).stores({ contextItems: "key" });
    this.version(4).stores({ rememberQueue: "itemId, userId" });
    this.version(5).stores({ heldDocuments: "key, userId" });
  }
}

export const localDatabase = new LocalDatabase();
