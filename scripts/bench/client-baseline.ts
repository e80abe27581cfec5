// The stock alternative for the client benchmark: a plain @hocuspocus/provider in Node (no UI,
// no IndexedDB) receiving the same channel from the same server, so the browser's overhead over
// the bare sync protocol shows.
import { HocuspocusProvider } from "@hocuspocus/provider";
import { channelDocumentName } from "@openvibe/schema";
import * as Y from "yjs";

const SYNC_TIMEOUT_MS = 300_000;

export interface ProviderSync {
  /** From constructing the provider to its first `synced`. */
  ms: number;
  /** Disconnects and frees the document. */
  close(): void;
}

/** Opens the channel with a plain provider and resolves once the server's state has arrived. */
export function syncWithProvider(
  websocketUrl: string,
  channelId: string,
  token: () => Promise<string>,
): Promise<ProviderSync> {
  const document = new Y.Doc();
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      provider.destroy();
      reject(new Error(`the provider did not sync within ${SYNC_TIMEOUT_MS} ms`));
    }, SYNC_TIMEOUT_MS);
    const provider = new HocuspocusProvider({
      url: websocketUrl,
      name: channelDocumentName(channelId),
      document,
      token,
      onSynced: ({ state }) => {
        if (!state) return;
        clearTimeout(timer);
        const ms = performance.now() - started;
        resolve({
          ms,
          close: () => {
            provider.destroy();
            document.destroy();
          },
        });
      },
      onAuthenticationFailed: ({ reason }) => {
        clearTimeout(timer);
        provider.destroy();
        reject(new Error(`the server refused the provider: ${reason}`));
      },
    });
  });
}
