// The stock alternative for the client benchmark: a plain @hocuspocus/provider in Node (no UI,
// no IndexedDB) receiving the same channel (its channel document and the thread shown) from the same server, so the browser's overhead over
// the bare sync protocol shows.
import { HocuspocusProvider } from "@hocuspocus/provider";
import { channelDocumentName, threadDocumentName } from "@openvibe/schema";
import * as Y from "yjs";

const SYNC_TIMEOUT_MS = 300_000;

export interface ProviderSync {
  /** From constructing the provider to its first `synced`. */
  ms: number;
  /** Disconnects and frees the document. */
  close(): void;
}

/** Opens one document with a plain provider and resolves once the server's state has arrived. */
function syncOne(
  websocketUrl: string,
  name: string,
  token: () => Promise<string>,
): Promise<() => void> {
  const document = new Y.Doc();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      provider.destroy();
      reject(new Error(`the provider did not sync ${name} within ${SYNC_TIMEOUT_MS} ms`));
    }, SYNC_TIMEOUT_MS);
    const provider = new HocuspocusProvider({
      url: websocketUrl,
      name,
      document,
      token,
      onSynced: ({ state }) => {
        if (!state) return;
        clearTimeout(timer);
        resolve(() => {
          provider.destroy();
          document.destroy();
        });
      },
      onAuthenticationFailed: ({ reason }) => {
        clearTimeout(timer);
        provider.destroy();
        reject(new Error(`the server refused the provider on ${name}: ${reason}`));
      },
    });
  });
}

/**
 * Opens the channel as the browser does, its channel document (the index of threads) and the
 * thread shown, each with a plain provider at once, and resolves once both have synced.
 */
export async function syncWithProvider(
  websocketUrl: string,
  channelId: string,
  threadId: string,
  token: () => Promise<string>,
): Promise<ProviderSync> {
  const started = performance.now();
  const names = [channelDocumentName(channelId), threadDocumentName(channelId, threadId)];
  const closes = await Promise.all(names.map((name) => syncOne(websocketUrl, name, token)));
  return {
    ms: performance.now() - started,
    close: () => {
      for (const close of closes) close();
    },
  };
}
