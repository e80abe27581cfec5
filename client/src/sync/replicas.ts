// The open documents of the signed-in person, one replica per document name, over one shared
// socket: each channel's document (`channel:<id>`: its thread index, written by the server) and
// the thread documents (`thread:<channelId>:<threadId>`) this device opened (docs/history-split.md).
// A replica stays open until closed (`close` keeps its local copy), so it keeps syncing and stays
// readable offline. A replica whose write the server refused is kept (refused/kept-copies.ts),
// then replaced by a fresh one loaded from the server; `generation` changes then, so whoever
// holds a replica opens it again. Once a thread replica has synced, the kept copies of its
// thread are recovered (refused/recovery.ts). A channel whose access the server revoked has all
// its replicas closed and is listed in `revoked` until it is opened again (joined again), so its
// view can say it is gone.
import {
  buildDocumentName,
  type MetadataChanged,
  type ParsedDocumentName,
  parseDocumentName,
} from "@openvibe/schema";
import { api } from "../api/endpoints.ts";
import { ApiError } from "../api/http.ts";
import { localDatabase } from "../local/database.ts";
import { Observable } from "../state/observable.ts";
import { ConnectQueue } from "./connect-queue.ts";
import { DocumentReplica, type ReplicaEvents } from "./document-replica.ts";
import { unsyncedDocumentNames } from "./local-copy-names.ts";
import { MetadataSignals } from "./metadata-signals.ts";
import { KeptCopies } from "./refused/kept-copies.ts";
import { recoverKeptCopies } from "./refused/recovery.ts";
import { mayWriteChannel } from "./refused/write-permission.ts";
import { openSharedSocket, type SharedSocket } from "./socket.ts";
import { SharedSocketToken } from "./socket-token.ts";

/** Documents syncing their first time at once, and how long one may hold its turn. */
const CONNECT_LIMITS = { concurrency: 8, slotTimeoutMs: 10_000 };
/** How long channel documents not on screen wait for the one on screen to read its local copy. */
const SCREEN_READ_WAIT_MS = 2_000;

/** Resolves once `replica` has read its local copy or was closed, at most `waitMs` later. */
function localCopyRead(replica: DocumentReplica, waitMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, waitMs);
    const stops = [replica.loaded, replica.destroyed].map((flag) =>
      flag.subscribe(() => {
        if (flag.get()) done();
      }),
    );
    function done() {
      clearTimeout(timer);
      for (const stop of stops) stop();
      resolve();
    }
  });
}

/**
 * A token for the socket's authentications (socket-token.ts: one request for the documents
 * authenticating together, asked again after every disconnection). A session that ended while
 * the socket was down (signed out everywhere, deactivated) answers "unauthenticated" here,
 * before the server could tell this page anything.
 */
function webSocketTokens(socket: SharedSocket, onSessionEnded: () => void): SharedSocketToken {
  const tokens = new SharedSocketToken(async () => {
    try {
      return await api.webSocketToken();
    } catch (error) {
      if (error instanceof ApiError && error.code === "unauthenticated") onSessionEnded();
      throw error;
    }
  });
  socket.websocket.on("disconnect", () => tokens.forget());
  return tokens;
}

export interface RegistryEvents extends ReplicaEvents {
  /** Workspace metadata this person sees may have changed: fetch those lists again. */
  onMetadataChanged(change: MetadataChanged): void;
}

export interface OpenOptions {
  /** Someone is looking at it: it syncs before the documents opened in the background. */
  visible?: boolean;
  /** Fetched for offline reading: it syncs after every other document waiting (offline/). */
  background?: boolean;
}

export class ReplicaRegistry {
  readonly socket: SharedSocket;
  /** Local changes not yet acknowledged by the server, over all open documents. */
  readonly unsynced = new Observable(0);
  /**
   * Thread documents whose thread the server refused because their channel holds the most threads
   * it allows (`channel-full`): their changes are among `unsynced`, but they are not syncing.
   */
  readonly channelFull = new Observable(0);
  /** Changes whenever a replica is replaced: `open*` then hands out the new one. */
  readonly generation = new Observable(0);
  /** Changes whenever a replica is opened or closed (lists of open replicas are stale). */
  readonly opened = new Observable(0);
  /** Channels closed because the server revoked access to them, until opened again. */
  readonly revoked = new Observable<ReadonlySet<string>>(new Set());
  readonly keptCopies: KeptCopies;
  private readonly replicas = new Map<string, DocumentReplica>();
  /** Refused replicas being replaced (a WeakSet: they are dropped once replaced). */
  private readonly replacing = new WeakSet<DocumentReplica>();
  private readonly connectQueue = new ConnectQueue(CONNECT_LIMITS);
  private readonly userId: string;
  private readonly events: ReplicaEvents;
  private readonly metadata: MetadataSignals;
  private readonly tokens: SharedSocketToken;
  /**
   * Until the channel document on screen has read its local copy: the other channel documents
   * (all joined ones open at sign-in, for unread badges) read theirs after it. Twenty local
   * copies opening together kept the one on screen waiting about half a second at sign-in.
   */
  private screenRead: Promise<void> = Promise.resolve();

  constructor(userId: string, events: RegistryEvents) {
    this.userId = userId;
    this.events = events;
    this.socket = openSharedSocket();
    this.tokens = webSocketTokens(this.socket, () => this.events.onSessionEnded());
    // Asked for now, while the lists and the local copies load: the first document to
    // authenticate (the one on screen) does not wait one more round trip for it.
    this.tokens.get().catch(() => {});
    this.metadata = new MetadataSignals(this.socket.websocket, events.onMetadataChanged);
    this.keptCopies = new KeptCopies(localDatabase, userId);
    // Thread documents written while offline (or closed before the server had everything) sync
    // from the start, whether or not they are shown: nothing else would open them.
    for (const name of unsyncedDocumentNames(userId)) {
      const document = parseDocumentName(name);
      if (document?.kind === "thread") this.openDocument(document, {});
    }
  }

  /** The replica of the channel document `channel:<channelId>`, opened if it is not yet. */
  openChannel(channelId: string, options: OpenOptions = {}): DocumentReplica {
    return this.openDocument({ kind: "channel", channelId }, options);
  }

  /** The replica of the thread document `thread:<channelId>:<threadId>`, opened if not yet. */
  openThread(channelId: string, threadId: string, options: OpenOptions = {}): DocumentReplica {
    return this.openDocument({ kind: "thread", channelId, threadId }, options);
  }

  /** The open replica of a document, if there is one (opens nothing). */
  find(documentName: string): DocumentReplica | undefined {
    return this.replicas.get(documentName);
  }

  /** The open thread replicas of a channel (the threads this device holds, synced or not). */
  threadsOf(channelId: string): DocumentReplica[] {
    return this.list().filter((r) => r.channelId === channelId && r.threadId !== null);
  }

  private openDocument(document: ParsedDocumentName, options: OpenOptions): DocumentReplica {
    const documentName = buildDocumentName(document);
    if (options.visible === true) this.connectQueue.promote(documentName);
    else if (options.background === true) this.connectQueue.inBackground(documentName);
    this.setRevoked(document.channelId, false);
    const existing = this.replicas.get(documentName);
    if (existing !== undefined) return existing;
    const waitsForScreen = document.kind === "channel" && options.visible !== true;
    const replica = new DocumentReplica({
      document,
      documentName,
      userId: this.userId,
      socket: this.socket,
      token: () => this.tokens.get(),
      events: this.events,
      connectQueue: this.connectQueue,
      metadata: this.metadata,
      onRefused: (refused) => void this.replace(refused).catch(reportError),
      ...(waitsForScreen ? { readAfter: this.screenRead } : {}),
    });
    if (document.kind === "channel" && options.visible === true) {
      this.screenRead = localCopyRead(replica, SCREEN_READ_WAIT_MS);
    }
    replica.unsynced.subscribe(() => this.recount());
    replica.channelFull.subscribe(() => this.recount());
    // Peers write nothing in a channel document: only thread documents have copies to recover.
    const stopSynced = replica.synced.subscribe(() => {
      stopSynced();
      if (replica.threadId === null) return;
      void recoverKeptCopies(replica, {
        copies: this.keptCopies,
        actor: { kind: "human", id: this.userId },
        mayWrite: mayWriteChannel,
      }).catch(reportError);
    });
    this.replicas.set(documentName, replica);
    // It may start with changes from before a reload that the server has not acknowledged.
    this.recount();
    this.opened.set(this.opened.get() + 1);
    return replica;
  }

  /** Closes a document's replica (it stops syncing); its local copy stays on the device. */
  close(documentName: string): void {
    const replica = this.replicas.get(documentName);
    if (replica === undefined) return;
    replica.destroy();
    this.replicas.delete(documentName);
    this.recount();
    this.opened.set(this.opened.get() + 1);
  }

  /**
   * Keeps a refused replica's copy, then replaces it with one loaded from the server. If the copy
   * cannot be kept, the refused replica stays (stopped, its local copy untouched).
   */
  private async replace(refused: DocumentReplica): Promise<void> {
    const { channelId, documentName } = refused;
    // Kept once, however many times its connection reports the refusal.
    if (this.replacing.has(refused)) return;
    this.replacing.add(refused);
    await this.keptCopies.keep(channelId, refused.doc);
    if (this.replicas.get(documentName) !== refused) return;
    await refused.discardLocalCopy();
    if (this.replicas.get(documentName) !== refused) return;
    this.replicas.delete(documentName);
    const document = parseDocumentName(documentName);
    if (document !== null) this.openDocument(document, {});
    this.recount();
    this.generation.set(this.generation.get() + 1);
  }

  /** The replicas open in this session (channel and thread documents). */
  list(): DocumentReplica[] {
    return [...this.replicas.values()];
  }

  /** Closes every document of a channel the server no longer lets this person open. */
  closeRevoked(channelId: string): void {
    for (const replica of this.list()) {
      if (replica.channelId === channelId) this.close(replica.documentName);
    }
    this.setRevoked(channelId, true);
  }

  private setRevoked(channelId: string, revoked: boolean): void {
    const current = this.revoked.get();
    if (current.has(channelId) === revoked) return;
    const next = new Set(current);
    if (revoked) next.add(channelId);
    else next.delete(channelId);
    this.revoked.set(next);
  }

  private recount(): void {
    let total = 0;
    let full = 0;
    for (const replica of this.replicas.values()) {
      total += replica.unsynced.get();
      if (replica.channelFull.get()) full += 1;
    }
    this.unsynced.set(total);
    this.channelFull.set(full);
  }

  destroy(): void {
    for (const replica of this.replicas.values()) replica.destroy();
    this.replicas.clear();
    this.socket.destroy();
  }
}
