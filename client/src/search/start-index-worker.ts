// Starts the index worker for the signed-in person (Vite bundles the worker from this URL), once
// the first screen is up (ui/first-screen.ts): compiling the worker and its first reads of
// IndexedDB would otherwise share the CPU and the database with the page's own first screen (on
// two cores, measured with scripts/bench/client --trace). What the page sends before then waits
// in order. So does keeping the index to the threads held (its first read of the offline
// catalogue).
import { afterFirstScreen } from "../ui/first-screen.ts";
import type { HeldChannel } from "./channel-feed.ts";
import type { HeldThreads } from "./held-threads.ts";
import { IndexClient } from "./index-client.ts";
import type { FromIndex, IndexPort, ToIndex } from "./worker/protocol.ts";

type Listener = (event: MessageEvent<FromIndex>) => void;

/** A port on a worker started by `start` after the first screen; `close` stops either. */
function portStartedAfterFirstScreen(
  start: () => Worker,
): IndexPort<FromIndex, ToIndex> & { close(): void } {
  let worker: Worker | null = null;
  let closed = false;
  const queued: ToIndex[] = [];
  const listeners = new Set<Listener>();
  const run = () => {
    if (closed) return;
    worker = start();
    for (const listener of listeners) worker.addEventListener("message", listener);
    for (const message of queued.splice(0)) worker.postMessage(message);
  };
  const cancelStart = afterFirstScreen(run);
  return {
    postMessage: (message) => {
      if (worker === null) queued.push(message);
      else worker.postMessage(message);
    },
    addEventListener: (_type, listener) => {
      listeners.add(listener);
      worker?.addEventListener("message", listener);
    },
    removeEventListener: (_type, listener) => {
      listeners.delete(listener);
      worker?.removeEventListener("message", listener);
    },
    close: () => {
      closed = true;
      cancelStart();
      worker?.terminate();
    },
  };
}

export function startIndexWorker(
  userId: string,
  open: (channelId: string) => HeldChannel,
  held: HeldThreads,
): IndexClient {
  const port = portStartedAfterFirstScreen(
    () =>
      new Worker(new URL("./worker/index-worker.ts", import.meta.url), {
        type: "module",
        name: "search-index",
      }),
  );
  let cancelFollow = () => {};
  const client = new IndexClient(port, {
    userId,
    open,
    close: () => {
      cancelFollow();
      port.close();
    },
  });
  cancelFollow = afterFirstScreen(() => client.followHeld(held));
  return client;
}
