// Real @hocuspocus/provider peers in Node: one shared socket per peer, one
// provider per open channel, closed when the test finishes.
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { channelDocumentName } from "@openvibe/schema";
import { onTestFinished } from "vitest";
import * as Y from "yjs";
import { onEvent, waitFor } from "./wait-for.ts";

export interface OpenChannel {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Resolves once the server has acknowledged every local change. */
  acknowledged(timeoutMs?: number): Promise<void>;
  /** Resolves once `check` holds for this replica, re-checked after every update. */
  until(what: string, check: () => boolean, timeoutMs?: number): Promise<void>;
}

export interface Peer {
  socket: HocuspocusProviderWebsocket;
  open(channelId: string): Promise<OpenChannel>;
  close(): void;
}

export function connectPeer(websocketUrl: string): Peer {
  const socket = new HocuspocusProviderWebsocket({ url: websocketUrl, maxAttempts: 0 });
  const providers: HocuspocusProvider[] = [];
  const peer: Peer = {
    socket,
    async open(channelId) {
      const doc = new Y.Doc();
      const provider = new HocuspocusProvider({
        websocketProvider: socket,
        name: channelDocumentName(channelId),
        document: doc,
      });
      provider.attach();
      providers.push(provider);
      await waitFor(`sync of ${channelId}`, () => provider.isSynced, onEvent(provider, "synced"));
      return {
        doc,
        provider,
        acknowledged: (timeoutMs) =>
          waitFor(
            `server ack on ${channelId}`,
            () => !provider.hasUnsyncedChanges,
            onEvent(provider, "unsyncedChanges"),
            timeoutMs,
          ),
        until: (what, check, timeoutMs) =>
          waitFor(
            what,
            check,
            (cb) => {
              doc.on("update", cb);
              return () => doc.off("update", cb);
            },
            timeoutMs,
          ),
      };
    },
    close() {
      for (const provider of providers) provider.destroy();
      socket.destroy();
    },
  };
  onTestFinished(() => peer.close());
  return peer;
}
