// Real @hocuspocus/provider peers in Node: one shared socket per peer, one
// provider per open channel (or any document, by name), closed when the test finishes. A peer presents
// one credential (a WebSocket token or an API key) for every channel it opens.
import {
  HocuspocusProvider,
  HocuspocusProviderWebsocket,
  type onAuthenticatedParameters,
  type onAuthenticationFailedParameters,
  type onCloseParameters,
  type onMessageParameters,
} from "@hocuspocus/provider";
import { channelDocumentName, jitterFirstAttempt, RECONNECT_OPTIONS } from "@openvibe/schema";
import { readVarInt } from "lib0/decoding";
import { onTestFinished } from "vitest";
import * as Y from "yjs";
import { withDeadline } from "./deadline.ts";
import { onEvent, waitFor } from "./wait-for.ts";

/** Hocuspocus's message type for the server's "applied / not applied" answer to an update. */
const SYNC_STATUS_MESSAGE = 8;

/** How the server answered a request to open a channel. */
export type OpenOutcome =
  | { kind: "denied"; reason: string }
  | { kind: "opened"; scope: onAuthenticatedParameters["scope"] };

export interface OpenChannel {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  /** Resolves once the server has acknowledged every local change. */
  acknowledged(timeoutMs?: number): Promise<void>;
  /** Resolves once `check` holds for this replica, re-checked after every update. */
  until(what: string, check: () => boolean, timeoutMs?: number): Promise<void>;
  /** The first close of this channel's connection (by the server or the socket). */
  closed: Promise<onCloseParameters["event"]>;
  /** Resolves when the server next reports that it did not apply one of our updates. */
  refused(timeoutMs?: number): Promise<void>;
}

export interface Peer {
  socket: HocuspocusProviderWebsocket;
  /** Opens a channel and waits until it is synced (fails if the server refuses it). */
  open(channelId: string): Promise<OpenChannel>;
  /** Asks for a channel and resolves with the server's answer, synced if opened. */
  attempt(channelId: string): Promise<{ outcome: OpenOutcome; channel: OpenChannel }>;
  /** `open` for a document by its name (a thread document, or a name the server refuses). */
  openDocument(documentName: string): Promise<OpenChannel>;
  /** `attempt` for a document by its name. */
  attemptDocument(documentName: string): Promise<{ outcome: OpenOutcome; channel: OpenChannel }>;
  close(): void;
}

export interface PeerOptions {
  /** A WebSocket token (from POST /api/auth/ws-token) or an API key; none when absent. */
  token?: string;
}

function syncStatusSubscription(provider: HocuspocusProvider, onRefusal: () => void) {
  const listener = ({ message }: onMessageParameters) => {
    message.readVarString();
    if (message.readVarUint() === SYNC_STATUS_MESSAGE && readVarInt(message.decoder) === 0) {
      onRefusal();
    }
  };
  provider.on("message", listener);
  return () => provider.off("message", listener);
}

/**
 * The server's answer, settled by a denial or by the first sync. A refusal can follow an
 * "authenticated" message: Hocuspocus authenticates before it loads the document, and a
 * document that fails to load is refused afterwards.
 */
function outcomeOf(provider: HocuspocusProvider): Promise<OpenOutcome> {
  return new Promise((resolve) => {
    let scope: onAuthenticatedParameters["scope"] = "read-write";
    provider.on("authenticated", (event: onAuthenticatedParameters) => {
      scope = event.scope;
    });
    provider.on("authenticationFailed", ({ reason }: onAuthenticationFailedParameters) =>
      resolve({ kind: "denied", reason }),
    );
    provider.on("synced", () => resolve({ kind: "opened", scope }));
  });
}

export function connectPeer(websocketUrl: string, options: PeerOptions = {}): Peer {
  // Reconnects as the browser does.
  const socket = new HocuspocusProviderWebsocket({ url: websocketUrl, ...RECONNECT_OPTIONS });
  jitterFirstAttempt(socket);
  const providers: HocuspocusProvider[] = [];

  const attach = (documentName: string) => {
    const doc = new Y.Doc();
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: documentName,
      document: doc,
      token: options.token ?? null,
    });
    const outcome = outcomeOf(provider);
    const closed = new Promise<onCloseParameters["event"]>((resolve) =>
      provider.on("close", ({ event }: onCloseParameters) => resolve(event)),
    );
    provider.attach();
    providers.push(provider);
    const channel: OpenChannel = {
      doc,
      provider,
      closed,
      acknowledged: (timeoutMs) =>
        waitFor(
          `server ack on ${documentName}`,
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
      refused: (timeoutMs) => {
        let refusals = 0;
        return waitFor(
          `the server to refuse an update on ${documentName}`,
          () => refusals > 0,
          (cb) =>
            syncStatusSubscription(provider, () => {
              refusals += 1;
              cb();
            }),
          timeoutMs,
        );
      },
    };
    return { channel, outcome };
  };

  const peer: Peer = {
    socket,
    async open(channelId) {
      return peer.openDocument(channelDocumentName(channelId));
    },
    async attempt(channelId) {
      return peer.attemptDocument(channelDocumentName(channelId));
    },
    async openDocument(documentName) {
      const { channel, outcome } = attach(documentName);
      const result = await withDeadline(outcome, `the server's answer for ${documentName}`);
      if (result.kind === "denied") throw new Error(`${documentName} denied: ${result.reason}`);
      return channel;
    },
    async attemptDocument(documentName) {
      const { channel, outcome } = attach(documentName);
      return {
        outcome: await withDeadline(outcome, `the server's answer for ${documentName}`),
        channel,
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
