// One open channel: its Y.Doc, persisted in IndexedDB by a LocalDocumentStore
// (readable and writable offline), and a provider on the shared socket once
// the local copy is loaded, so the first sync only exchanges what is missing. Exposes a version that
// changes on every document update (read models re-compute on it) and the
// number of local changes the server has not acknowledged, whether the server
// lets this person write, and who else is here (presence).
//
// When the server ends this document's connection it sends a reason (over a
// shared socket the provider reports code 1000, so the reason is what counts).
// After `permissions-changed` the provider stays attached but silent: sending
// a fresh token and syncing again re-authenticates it with the new rights.
import { HocuspocusProvider } from "@hocuspocus/provider";
import { CLOSE_CODES, channelDocumentName } from "@openvibe/schema";
import * as Y from "yjs";
import { Observable } from "../state/observable.ts";
import type { ConnectQueue } from "./connect-queue.ts";
import { LocalDocumentStore } from "./local-store/local-document-store.ts";
import { ChannelPresence } from "./presence.ts";
import type { SharedSocket } from "./socket.ts";

export interface ReplicaEvents {
  /** The session ended (4401): the person must sign in again. */
  onSessionEnded(): void;
  /** Access to this channel was revoked (4403): drop it. */
  onAccessRevoked(channelId: string): void;
  /** The channel's state or this person's role changed (4409): metadata may be stale. */
  onPermissionsChanged(channelId: string): void;
}

export interface ReplicaOptions {
  channelId: string;
  userId: string;
  socket: SharedSocket;
  token: () => Promise<string>;
  events: ReplicaEvents;
  /** Limits how many channels start syncing at once (see connect-queue.ts). */
  connectQueue: ConnectQueue;
}

export class ChannelReplica {
  readonly channelId: string;
  readonly doc = new Y.Doc();
  readonly version = new Observable(0);
  readonly unsynced = new Observable(0);
  /** True once the local copy has been read from IndexedDB. */
  readonly loaded = new Observable(false);
  /** Whether the server opened the document read-only (guest, archived); null until it says. */
  readonly readOnly = new Observable<boolean | null>(null);
  readonly presence = new ChannelPresence();
  /** The server refused a write of this copy: syncing stopped until the page is reloaded. */
  readonly refused = new Observable(false);
  private readonly store: LocalDocumentStore;
  private readonly options: ReplicaOptions;
  private provider: HocuspocusProvider | null = null;
  private destroyed = false;
  private leaveQueue: () => void = () => {};

  constructor(options: ReplicaOptions) {
    this.options = options;
    this.channelId = options.channelId;
    this.doc.on("update", () => this.version.set(this.version.get() + 1));
    // The name y-indexeddb used, whose database is imported and deleted on first load.
    const legacyName = `openvibe:${options.userId}:${channelDocumentName(options.channelId)}`;
    this.store = new LocalDocumentStore(`${legacyName}:updates`, this.doc, { legacyName });
    // A local copy that cannot be read still leaves the channel usable online.
    void this.store.loaded.catch(reportError).then(() => {
      if (this.destroyed) return;
      this.loaded.set(true);
      this.leaveQueue = options.connectQueue.enqueue(this.channelId, () => this.connect());
    });
  }

  /** Attaches the provider; resolves when its first sync is over (synced, refused or closed). */
  private connect(): Promise<void> {
    const provider = new HocuspocusProvider({
      websocketProvider: this.options.socket.websocket,
      name: channelDocumentName(this.channelId),
      document: this.doc,
      token: this.options.token,
    });
    provider.on("unsyncedChanges", ({ number }: { number: number }) => this.unsynced.set(number));
    provider.on("authenticated", ({ scope }: { scope: string }) =>
      this.readOnly.set(scope === "readonly"),
    );
    provider.on("close", ({ event }: { event: { reason: string } }) => this.onClose(event.reason));
    const firstSyncOver = new Promise<void>((resolve) => {
      for (const event of ["synced", "authenticationFailed", "close", "destroy"]) {
        provider.on(event, () => resolve());
      }
    });
    provider.attach();
    if (provider.awareness !== null) this.presence.attach(provider.awareness);
    this.provider = provider;
    return firstSyncOver;
  }

  private onClose(reason: string): void {
    const { events } = this.options;
    if (reason === CLOSE_CODES.writeRefused.reason) this.stopAfterRefusedWrite();
    else if (reason === CLOSE_CODES.sessionEnded.reason) events.onSessionEnded();
    else if (reason === CLOSE_CODES.accessRevoked.reason) events.onAccessRevoked(this.channelId);
    else if (reason === CLOSE_CODES.permissionsChanged.reason) {
      events.onPermissionsChanged(this.channelId);
      void this.reauthenticate();
    }
  }

  /**
   * The server refused a write this copy holds (e.g. a guest's message): sending it again would
   * only be refused again, so stop syncing this channel, and forget the local copy so the next
   * load starts from the server's. (Keeping the refused state for export and re-posting one's own
   * unsynced messages, as DESIGN.md describes, is not built yet.)
   */
  private stopAfterRefusedWrite(): void {
    this.provider?.destroy();
    this.provider = null;
    this.readOnly.set(true);
    this.refused.set(true);
    this.store.clear().catch(reportError);
  }

  private async reauthenticate(): Promise<void> {
    const provider = this.provider;
    if (provider === null) return;
    await provider.sendToken();
    if (!this.destroyed) provider.startSync();
  }

  destroy(): void {
    this.destroyed = true;
    this.leaveQueue();
    this.presence.destroy();
    this.provider?.destroy();
    this.store.destroy().catch(reportError);
    this.doc.destroy();
  }
}
