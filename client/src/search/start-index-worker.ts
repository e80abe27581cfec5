// Starts the index worker for the signed-in person (Vite bundles the worker from this URL).
import type { HeldChannel } from "./channel-feed.ts";
import { IndexClient } from "./index-client.ts";

export function startIndexWorker(
  userId: string,
  open: (channelId: string) => HeldChannel,
): IndexClient {
  const worker = new Worker(new URL("./worker/index-worker.ts", import.meta.url), {
    type: "module",
    name: "search-index",
  });
  return new IndexClient(worker, { userId, open, close: () => worker.terminate() });
}
