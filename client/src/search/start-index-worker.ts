// Starts the index worker for the signed-in person (Vite bundles the worker from this URL), once
// the page is first idle: compiling the worker and its first reads of IndexedDB would otherwise
// share the CPU and the database with the page's own first screen (on two cores, measured with
// scripts/bench/client --trace). What the page sends before then waits in order.
import type { HeldChannel } from "./channel-feed.ts";
import { IndexClient } from "./index-client.ts";
import type { FromIndex, IndexPort, ToIndex } from "./worker/protocol.ts";

/** The longest the worker waits for an idle moment (a page busy for that long starts it anyway). */
const START_TIMEOUT_MS = 2_000;

type Listener = (event: MessageEvent<FromIndex>) => void;

/** A port on a worker started by `start` once the page is idle; `close` stops either. */
function idleStartedPort(start: () => Worker): IndexPort<FromIndex, ToIndex> & { close(): void } {
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
  const idle = requestIdleCallback(run, { timeout: START_TIMEOUT_MS });
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
      cancelIdleCallback(idle);
      worker?.terminate();
    },
  };
}

export function startIndexWorker(
  userId: string,
  open: (channelId: string) => HeldChannel,
): IndexClient {
  const port = idleStartedPort(
    () =>
      new Worker(new URL("./worker/index-worker.ts", import.meta.url), {
        type: "module",
        name: "search-index",
      }),
  );
  return new IndexClient(port, { userId, open, close: () => port.close() });
}
