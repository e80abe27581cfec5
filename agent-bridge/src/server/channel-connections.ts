// The bridge's document connections: one shared socket, and a provider per
// channel only while some task works in it (the server's memory is not
// pinned by channels the bridge is idle in).
import {
  HocuspocusProvider,
  HocuspocusProviderWebsocket,
  type onAuthenticationFailedParameters,
} from "@hocuspocus/provider";
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
  /** Resolves once the server has every local change (the reply is stored). */
  flushed(timeoutMs: number): Promise<void>;
  release(): void;
}

interface Entry {
  provider: HocuspocusProvider;
  doc: Y.Doc;
  users: number;
  ready: Promise<void>;
}

function waitForEvent(
  provider: HocuspocusProvider,
  ready: () => boolean,
  event: string,
  timeoutMs: number,
  what: string,
) {
  return new Promise<void>((resolve, reject) => {
    if (ready()) {
      resolve();
      return;
    }
    const check = () => {
      if (!ready()) return;
      clearTimeout(timer);
      provider.off(event, check);
      resolve();
    };
    const timer = setTimeout(() => {
      provider.off(event, check);
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    provider.on(event, check);
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
      this.socket ??= new HocuspocusProviderWebsocket({ url: this.url });
      const doc = new Y.Doc();
      const provider = new HocuspocusProvider({
        websocketProvider: this.socket,
        name: documentName,
        document: doc,
        token: this.token,
        // Its own routing key on the shared socket: a provider opened right after the previous
        // one for this channel was destroyed must not be taken for it while the server closes it.
        sessionAwareness: true,
      });
      provider.attach();
      const created: Entry = {
        provider,
        doc,
        users: 0,
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
      flushed: (ms) =>
        waitForEvent(
          opened.provider,
          () => !opened.provider.hasUnsyncedChanges,
          "unsyncedChanges",
          ms,
          "the server's ack",
        ),
      release: () => this.release(documentName, opened),
    };
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
