// The bridge's document connections: one shared socket, and a provider per
// channel only while some task works in it (the server's memory is not
// pinned by channels the bridge is idle in). A channel's document outlives
// its provider: when the server comes back from an outage and refuses the
// reconnecting provider (the bridge's lease ran out meanwhile), `resume`
// puts a new provider on the same document once the lease is renewed, and
// the sync handshake sends the server everything it missed. Changes made
// while disconnected (a reply streaming through an outage) wait for that
// handshake's step 2, which carries them: sent ahead of it they could build
// on content the server never got, and its write guard would refuse them
// (@openvibe/sync-provider).

import { EventEmitter } from "node:events";
import {
  type HocuspocusProvider,
  HocuspocusProviderWebsocket,
  type onAuthenticationFailedParameters,
} from "@hocuspocus/provider";
import { GaplessProvider } from "@openvibe/sync-provider";
import * as Y from "yjs";

/** The server refused the channel to this bridge (no lease there, or the agent lost access). */
export class ChannelDeniedError extends Error {
  readonly reason: string;
  constructor(documentName: string, reason: string) {
    super(`the server refused ${documentName}: ${reason}`);
    this.name = "ChannelDeniedError";
    this.reason = reason;
  }
}

export interface OpenChannel {
  doc: Y.Doc;
  /**
   * Resolves once the server has every local change (the reply is stored); rejects with a
   * ChannelDeniedError when the server refuses the channel meanwhile, or on `timeoutMs`.
   */
  flushed(timeoutMs: number): Promise<void>;
  /**
   * After the bridge regained access (its lease renewed): reconnects now rather than at the
   * socket's next retry, and replaces a provider the server refused while access was lost.
   */
  resume(): void;
  release(): void;
}

interface Entry {
  provider: HocuspocusProvider;
  doc: Y.Doc;
  users: number;
  ready: Promise<void>;
  /** The server refused this provider since it was created (it will not try again by itself). */
  denied: string | null;
}

function waitForEvent(
  provider: HocuspocusProvider,
  ready: () => boolean,
  event: string,
  timeoutMs: number,
  what: string,
  /** Also rejects when the server refuses the provider meanwhile. */
  deniedAs?: string,
) {
  return new Promise<void>((resolve, reject) => {
    if (ready()) {
      resolve();
      return;
    }
    const done = () => {
      clearTimeout(timer);
      provider.off(event, check);
      provider.off("authenticationFailed", refused);
    };
    const check = () => {
      if (!ready()) return;
      done();
      resolve();
    };
    const refused = ({ reason }: onAuthenticationFailedParameters) => {
      if (deniedAs === undefined) return;
      done();
      reject(new ChannelDeniedError(deniedAs, reason));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    provider.on(event, check);
    provider.on("authenticationFailed", refused);
  });
}

/** Rejects when the server refuses the provider's credentials for this document. */
function denial(provider: HocuspocusProvider, documentName: string): Promise<never> {
  return new Promise((_, reject) => {
    provider.on("authenticationFailed", ({ reason }: onAuthenticationFailedParameters) =>
      reject(new ChannelDeniedError(documentName, reason)),
    );
  });
}

export class ChannelConnections {
  private readonly url: string;
  private readonly token: string;
  private socket: HocuspocusProviderWebsocket | null = null;
  private readonly entries = new Map<string, Entry>();
  /** "denied" when the server refuses an open channel's provider (for logs and tests). */
  readonly events = new EventEmitter<{ denied: [documentName: string, reason: string] }>();

  constructor(websocketUrl: string, token: string) {
    this.url = websocketUrl;
    this.token = token;
  }

  /** The number of channel documents held open right now. */
  get openCount(): number {
    return this.entries.size;
  }

  async open(documentName: string, timeoutMs = 15_000): Promise<OpenChannel> {
    let entry = this.entries.get(documentName);
    if (entry === undefined) {
      const doc = new Y.Doc();
      const provider = this.connect(documentName, doc);
      const created: Entry = {
        provider,
        doc,
        users: 0,
        denied: null,
        ready: Promise.race([
          waitForEvent(
            provider,
            () => provider.isSynced,
            "synced",
            timeoutMs,
            `sync of ${documentName}`,
          ),
          denial(provider, documentName),
        ]),
      };
      this.watchDenial(documentName, created);
      entry = created;
      this.entries.set(documentName, created);
    }
    entry.users += 1;
    const opened = entry;
    try {
      await opened.ready;
    } catch (error) {
      this.release(documentName, opened);
      throw error;
    }
    return {
      doc: opened.doc,
      flushed: (ms) => {
        if (opened.denied !== null) {
          return Promise.reject(new ChannelDeniedError(documentName, opened.denied));
        }
        const { provider } = opened;
        return waitForEvent(
          provider,
          () => provider.isSynced && !provider.hasUnsyncedChanges,
          "unsyncedChanges",
          ms,
          "the server's ack",
          documentName,
        );
      },
      resume: () => this.resume(documentName, opened),
      release: () => this.release(documentName, opened),
    };
  }

  private connect(documentName: string, doc: Y.Doc): HocuspocusProvider {
    this.socket ??= new HocuspocusProviderWebsocket({ url: this.url });
    const provider = new GaplessProvider({
      websocketProvider: this.socket,
      name: documentName,
      document: doc,
      token: this.token,
      // Its own routing key on the shared socket: a provider opened right after the previous
      // one for this channel was destroyed must not be taken for it while the server closes it.
      sessionAwareness: true,
    });
    provider.attach();
    return provider;
  }

  private watchDenial(documentName: string, entry: Entry): void {
    const { provider } = entry;
    provider.on("authenticationFailed", ({ reason }: onAuthenticationFailedParameters) => {
      if (entry.provider !== provider) return;
      entry.denied = reason;
      this.events.emit("denied", documentName, reason);
    });
  }

  private resume(documentName: string, entry: Entry): void {
    if (this.entries.get(documentName) !== entry) return;
    if (entry.denied !== null) {
      entry.provider.destroy();
      entry.provider = this.connect(documentName, entry.doc);
      entry.denied = null;
      this.watchDenial(documentName, entry);
    }
    // Kicks a socket that waits for its next retry (the server is back): a no-op when connected.
    void this.socket?.connect();
  }

  close(): void {
    for (const entry of this.entries.values()) entry.provider.destroy();
    this.entries.clear();
    this.socket?.destroy();
    this.socket = null;
  }

  private release(documentName: string, entry: Entry): void {
    entry.users -= 1;
    if (entry.users > 0 || this.entries.get(documentName) !== entry) return;
    this.entries.delete(documentName);
    entry.provider.destroy();
    entry.doc.destroy();
  }
}
