// One open document (a channel document `channel:<id>` or a thread document
// `thread:<channelId>:<threadId>`, docs/history-split.md): its Y.Doc, persisted in IndexedDB
// by a LocalDocumentStore (readable and writable offline), and a provider on the shared socket once
// the local copy is loaded, so the first sync only exchanges what is missing. Exposes a version that
// changes on every document update (read models re-compute on it) and the
// number of local changes the server has not acknowledged, whether the server
// lets this person write, and who else is here (presence).
//
// When the server ends this document's connection it sends a reason (over a
// shared socket the provider reports code 1000, so the reason is what counts).
// After `permissions-changed` the provider stays attached but silent: sending
// a fresh token and syncing again re-authenticates it with the new rights.
// After `write-refused` this copy stops syncing for good (sending it again
// would be refused again): the registry keeps it and replaces the replica.
// After a "too fast" answer it syncs again after the wait the server said
// (resyncDelayMs, schema/src/too-fast.ts). After `channel-full` (a thread
// started here, in a channel that holds the most threads the server allows)
// the copy keeps the thread and says so (`channelFull`); it tries again at the
// socket's next connection or the next page load (the cap may be raised).
import type { HocuspocusProvider } from "@hocuspocus/provider";
import {
  CLOSE_CODES,
  CONNECTION_DENIALS,
  isChannelOrigin,
  type ParsedDocumentName,
  readTooFast,
  resyncDelayMs,
  type TooFast,
} from "@openvibe/schema";
import { GaplessProvider } from "@openvibe/sync-provider";
import * as Y from "yjs";
import { openPersonsDocument } from "../offline/local-document.ts";
import { Observable } from "../state/observable.ts";
import { destroyClosedProvider } from "./closed-provider.ts";
import type { ConnectQueue } from "./connect-queue.ts";
import { takeEarlyCopy } from "./early-copies.ts";
import { localCopyNames } from "./local-copy-names.ts";
import type { LocalDocumentStore } from "./local-store/local-document-store.ts";
import type { MetadataSignals } from "./metadata-signals.ts";
import { isNotOpenedReason, type NotOpenedReason } from "./not-opened.ts";
import { PendingChanges } from "./pending-changes.ts";
import { ChannelPresence } from "./presence.ts";
import { forgetSnapshot } from "./screen-snapshots.ts";
import type { SharedSocket } from "./socket.ts";

export interface ReplicaEvents {
  /** The session ended (4401): the person must sign in again. */
  onSessionEnded(): void;
  /** Access to this channel was revoked (4403, on any of its documents): drop them all. */
  onAccessRevoked(channelId: string): void;
  /** The channel's state or this person's role changed (4409): metadata may be stale. */
  onPermissionsChanged(channelId: string): void;
}

export interface ReplicaOptions {
  /** Which document: the channel's or one of its threads'. */
  document: ParsedDocumentName;
  documentName: string;
  userId: string;
  socket: SharedSocket;
  token: () => Promise<string>;
  events: ReplicaEvents;
  /** Limits how many documents start syncing at once (see connect-queue.ts). */
  connectQueue: ConnectQueue;
  /** Hears what the server says of workspace metadata on this channel's connection. */
  metadata: MetadataSignals;
  /** The server refused a write of this copy (4422): it stopped syncing for good. */
  onRefused(replica: DocumentReplica): void;
  /**
   * When to start reading the local copy (replicas.ts: a channel document not on screen reads
   * its copy after the one on screen); absent: at once. Only for documents nobody writes in
   * here before they are read: an update made before the store opens is not stored.
   */
  readAfter?: Promise<void>;
}

/** How local changes ended: on the server, refused by it, or the replica was closed first. */
export type Settlement = "acknowledged" | "refused" | "closed";

export class DocumentReplica {
  /** `channel:<channelId>` or `thread:<channelId>:<threadId>`. */
  readonly documentName: string;
  readonly channelId: string;
  /** The thread a thread document holds; null for the channel document. */
  readonly threadId: string | null;
  readonly doc: Y.Doc;
  readonly version = new Observable(0);
  /** Local changes the server has not acknowledged (kept across reloads). */
  readonly unsynced: Observable<number>;
  /** True once the local copy has been read from IndexedDB. */
  readonly loaded = new Observable(false);
  /** Whether the server opened the document read-only (guest, archived); null until it says. */
  readonly readOnly = new Observable<boolean | null>(null);
  readonly presence = new ChannelPresence();
  /** True once the first sync with the server is over. */
  readonly synced = new Observable(false);
  /** The server refused a write of this copy: it never syncs again. */
  readonly refused = new Observable(false);
  /**
   * The server refused the thread started here: its channel holds the most threads it allows.
   * The thread stays here (unsynced) and goes again at the next connection; false once it is on
   * the server.
   */
  readonly channelFull = new Observable(false);
  /**
   * Why the server would not open the document, when it is not for this person's access or
   * session (those end the replica or the session): they hold as many documents open as one
   * may, or the document is newer than the server. Tried again at the next connection; null
   * once it opens.
   */
  readonly notOpened = new Observable<NotOpenedReason | null>(null);
  readonly destroyed = new Observable(false);
  /** The local copy, once it is opened (see `readAfter`); null after an early destroy. */
  private readonly store: Promise<LocalDocumentStore | null>;
  /**
   * Local changes not acknowledged, across reloads. The provider's own count starts at 0 on
   * every page load and counts its first sync as one change though nothing local is in it.
   */
  private readonly pending: PendingChanges;
  private readonly options: ReplicaOptions;
  private provider: HocuspocusProvider | null = null;
  private leaveQueue: () => void = () => {};
  /** "Too fast" answers since the server last took everything: how far to back off. */
  private tooFastInARow = 0;

  constructor(options: ReplicaOptions) {
    this.options = options;
    this.documentName = options.documentName;
    this.channelId = options.document.channelId;
    this.threadId = options.document.kind === "thread" ? options.document.threadId : null;
    // Opened as the page started, if it was on screen then (early-copies.ts).
    const early = takeEarlyCopy(options.userId, this.documentName);
    this.doc = early?.doc ?? new Y.Doc();
    const names = localCopyNames(options.userId, this.documentName);
    this.pending = new PendingChanges(names.unsynced);
    this.unsynced = this.pending.count;
    this.doc.on("update", (_update: Uint8Array, origin: unknown) => {
      if (isChannelOrigin(origin)) this.pending.added();
      this.version.set(this.version.get() + 1);
    });
    // Counted for the offline budget; a channel's old one-document copy is set aside on load.
    const open = () =>
      this.destroyed.get()
        ? null
        : openPersonsDocument(options.userId, options.document, this.documentName, this.doc);
    if (early !== undefined) this.store = Promise.resolve(early.store);
    else if (options.readAfter === undefined) this.store = Promise.resolve(open());
    else this.store = options.readAfter.then(open);
    // A local copy that cannot be read still leaves the channel usable online.
    void this.store.then(async (store) => {
      await store?.loaded.catch(reportError);
      if (this.destroyed.get()) return;
      this.loaded.set(true);
      this.leaveQueue = options.connectQueue.enqueue(this.documentName, () => this.connect());
    });
  }

  /** Attaches the provider; resolves when its first sync is over (synced, refused or closed). */
  private connect(): Promise<void> {
    // Sends no change the server cannot place yet (a thread started here, then written in at once).
    const provider = new GaplessProvider({
      websocketProvider: this.options.socket.websocket,
      name: this.documentName,
      document: this.doc,
      token: this.options.token,
    });
    // The server acknowledged everything sent: the local copy is all on the server.
    provider.on("unsyncedChanges", ({ number }: { number: number }) => {
      if (number !== 0) return;
      this.pending.acknowledged();
      this.tooFastInARow = 0;
      this.channelFull.set(false);
    });
    provider.on("authenticated", ({ scope }: { scope: string }) => {
      this.readOnly.set(scope === "readonly");
      this.notOpened.set(null);
    });
    provider.on("close", ({ event }: { event: { reason: string } }) => this.onClose(event.reason));
    provider.on("authenticationFailed", ({ reason }: { reason: string }) => {
      // Refused before it opened (removed, or the session ended, while this page was loading,
      // offline or reconnecting): the server answers the Auth, it has no connection to close.
      if (reason === CONNECTION_DENIALS.forbidden) this.accessRevoked();
      else if (reason === CONNECTION_DENIALS.unauthenticated) this.options.events.onSessionEnded();
      else if (isNotOpenedReason(reason)) this.notOpened.set(reason);
    });
    provider.on("synced", () => this.synced.set(true));
    const firstSyncOver = new Promise<void>((resolve) => {
      for (const event of ["synced", "authenticationFailed", "close", "destroy"]) {
        provider.on(event, () => resolve());
      }
    });
    this.options.metadata.watch(provider);
    provider.attach();
    if (provider.awareness !== null) this.presence.attach(provider.awareness);
    this.provider = provider;
    return firstSyncOver;
  }

  private onClose(reason: string): void {
    const { events } = this.options;
    if (reason === CLOSE_CODES.writeRefused.reason) this.stopAfterRefusedWrite();
    else if (reason === CLOSE_CODES.sessionEnded.reason) events.onSessionEnded();
    else if (reason === CLOSE_CODES.accessRevoked.reason) this.accessRevoked();
    else if (reason === CLOSE_CODES.permissionsChanged.reason) {
      events.onPermissionsChanged(this.channelId);
      void this.reauthenticate();
    } else if (reason === CLOSE_CODES.channelFull.reason) this.channelFull.set(true);
    else {
      const said = readTooFast(reason);
      if (said !== null) this.resyncAfterPause(said);
    }
  }

  /**
   * The server took nothing yet of an honest change sent too fast (too many writes, or too many
   * new threads: a thread started here is refused at the write that would create it): it stays
   * local (unsynced) and goes again after the server's wait, or backing off when it said none.
   */
  private resyncAfterPause(said: TooFast): void {
    const delayMs = resyncDelayMs(said, this.tooFastInARow);
    this.tooFastInARow += 1;
    setTimeout(() => void this.reauthenticate(), delayMs);
  }

  /**
   * The server has closed this document, or refused to open it: leave without the CLOSE it would
   * replay when the channel is opened again on this socket (joined again in the same session).
   */
  private accessRevoked(): void {
    this.leaveClosedProvider();
    this.options.events.onAccessRevoked(this.channelId);
  }

  /**
   * The server refused a write this copy holds (e.g. a message written before losing a role):
   * sending it again would only be refused again, so stop syncing it; the registry keeps the
   * copy and replaces this replica with the server's.
   */
  private stopAfterRefusedWrite(): void {
    this.leaveClosedProvider();
    this.readOnly.set(true);
    this.refused.set(true);
    this.options.onRefused(this);
  }

  /** Drops the provider of a document the server closed, sending nothing (closed-provider.ts). */
  private leaveClosedProvider(): void {
    if (this.provider !== null) destroyClosedProvider(this.options.socket.websocket, this.provider);
    this.provider = null;
  }

  /** Whether the server opened the document for writing (false until it says). */
  writable(): boolean {
    return this.readOnly.get() === false;
  }

  /** Resolves once the local changes are all on the server, or they were refused, or closed. */
  settled(): Promise<Settlement> {
    return new Promise((resolve) => {
      const observed = [this.unsynced, this.refused, this.destroyed];
      const check = () => {
        const outcome = this.settlement();
        if (outcome === null) return;
        for (const stop of stops) stop();
        resolve(outcome);
      };
      const stops = observed.map((observable) => observable.subscribe(check));
      check();
    });
  }

  private settlement(): Settlement | null {
    if (this.refused.get()) return "refused";
    if (this.destroyed.get()) return "closed";
    return this.unsynced.get() === 0 ? "acknowledged" : null;
  }

  /** Forgets the local copy (the next replica of this channel loads the server's), and closes. */
  async discardLocalCopy(): Promise<void> {
    this.pending.acknowledged();
    forgetSnapshot(this.options.userId, this.documentName);
    await (await this.store)?.clear();
    this.destroy();
  }

  private async reauthenticate(): Promise<void> {
    const provider = this.provider;
    if (provider === null) return;
    await provider.sendToken();
    if (!this.destroyed.get()) provider.startSync();
  }

  destroy(): void {
    if (this.destroyed.get()) return;
    this.destroyed.set(true);
    this.leaveQueue();
    this.presence.destroy();
    this.provider?.destroy();
    void this.store.then((store) => store?.destroy()).catch(reportError);
    this.doc.destroy();
  }
}
