// The DevTools protocol on a dedicated worker (the page's CDP session does not reach it):
// attached through the browser's session, messages wrapped in Target.sendMessageToTarget.
import type { Browser, CDPSession } from "playwright-core";

export interface WorkerSession {
  send<T>(method: string, params?: Record<string, unknown>): Promise<T>;
}

interface Reply {
  id: number;
  result?: unknown;
  error?: { message: string };
}

/** A session on the newest worker whose script URL ends with `urlEnd`. */
export async function attachToWorker(browser: Browser, urlEnd: string): Promise<WorkerSession> {
  const root: CDPSession = await browser.newBrowserCDPSession();
  const { targetInfos } = await root.send("Target.getTargets");
  const target = targetInfos.filter((t) => t.type === "worker" && t.url.endsWith(urlEnd)).at(-1);
  if (target === undefined) throw new Error(`no worker running ${urlEnd}`);
  const { sessionId } = await root.send("Target.attachToTarget", {
    targetId: target.targetId,
    flatten: false,
  });
  const waiting = new Map<number, (reply: Reply) => void>();
  root.on("Target.receivedMessageFromTarget", (event) => {
    if (event.sessionId !== sessionId) return;
    const reply = JSON.parse(event.message) as Reply;
    waiting.get(reply.id)?.(reply);
    waiting.delete(reply.id);
  });
  let nextId = 1;
  return {
    async send<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
      const id = nextId++;
      const replied = new Promise<Reply>((resolve) => waiting.set(id, resolve));
      await root.send("Target.sendMessageToTarget", {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
      const reply = await replied;
      if (reply.error !== undefined) throw new Error(`${method}: ${reply.error.message}`);
      return reply.result as T;
    },
  };
}

/** The worker's JS heap after a full collection. */
export async function workerHeapBytes(session: WorkerSession): Promise<number> {
  await session.send("HeapProfiler.collectGarbage");
  return (await session.send<{ usedSize: number }>("Runtime.getHeapUsage")).usedSize;
}
