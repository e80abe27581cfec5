// The task protocol for agent bridges (bridge keys only): claim with a long
// poll, renew the lease, record the reply message and what its prompt held,
// finish; and report the usage of a claim that another bridge took over.
import {
  channelDocumentName,
  claimTaskRequest,
  finishTaskRequest,
  type HeartbeatResponse,
  heartbeatRequest,
  promptRecordRequest,
  replyStartedRequest,
  usageRequest,
} from "@openvibe/schema";
import { Hono } from "hono";
import { channelPins, storedDocumentReader } from "../../agents/channel-pins.ts";
import { toClaimedTask } from "../../agents/claimed-task.ts";
import {
  channelLayoutOf,
  threadContentDocumentName,
  UNPLACED_THREAD_ERROR,
} from "../../agents/task-document.ts";
import { recordPrompt } from "../../agents/task-prompts.ts";
import {
  claimTask,
  finishTask,
  nextLeaseExpiry,
  recordLostAttemptUsage,
  recordReplyMessage,
  renewLease,
} from "../../agents/tasks.ts";
import { loadStoredDocument } from "../../storage/load-stored-document.ts";
import { SqliteDocumentStore } from "../../storage/sqlite-document-store.ts";
import { type AppEnv, requireBridge } from "../authentication.ts";
import { readBody } from "../validation.ts";
import { type RouteDeps, secretsOf } from "./deps.ts";

export function bridgeRoutes(deps: RouteDeps): Hono<AppEnv> {
  const { ctx, taskQueue, agentLeaseMs } = deps;
  const secrets = secretsOf(deps);
  const app = new Hono<AppEnv>();
  // An app mounted without the server's live documents goes by the stored copy.
  let store = deps.documents;
  const layoutOf =
    deps.channelLayout ??
    (async (channelId: string) => {
      store ??= new SqliteDocumentStore(ctx.db, { synchronous: "full" });
      const doc = loadStoredDocument(store, channelDocumentName(channelId));
      try {
        return channelLayoutOf(doc);
      } finally {
        doc.destroy();
      }
    });

  const pinsOf =
    deps.channelPins ??
    ((channelId: string) => {
      store ??= new SqliteDocumentStore(ctx.db, { synchronous: "full" });
      return channelPins(storedDocumentReader(store), channelId);
    });

  app.post("/bridge/claim", async (c) => {
    const bridge = requireBridge(c);
    const { waitMs, running } = await readBody(c, claimTaskRequest);
    const deadline = ctx.now() + waitMs;
    while (!taskQueue.closed) {
      const task = claimTask(ctx, bridge.apiKeyId, agentLeaseMs, running);
      if (task !== null) {
        const layout = await layoutOf(task.channelId);
        const documentName = threadContentDocumentName(layout, task.channelId, task.threadId);
        if (documentName !== null) {
          const pinned = await pinsOf(task.channelId);
          return c.json(toClaimedTask(ctx, task, secrets, documentName, pinned));
        }
        // No bridge could ever answer it: ended here rather than claimed again and again.
        finishTask(ctx, task.id, bridge.apiKeyId, {
          attempt: task.attempts,
          status: "failed",
          model: null,
          usage: null,
          stopReason: null,
          error: UNPLACED_THREAD_ERROR,
        });
        continue;
      }
      const now = ctx.now();
      if (deadline <= now || c.req.raw.signal.aborted) break;
      // Wake for new tasks, and when a lease runs out (a dead bridge's task becomes claimable).
      const expiry = nextLeaseExpiry(ctx);
      const until = expiry === null ? deadline : Math.min(deadline, expiry + 1);
      await taskQueue.wait(Math.max(1, until - now), c.req.raw.signal);
    }
    return c.body(null, 204);
  });

  app.post("/bridge/tasks/:id/heartbeat", async (c) => {
    const bridge = requireBridge(c);
    const { attempt } = await readBody(c, heartbeatRequest);
    const task = renewLease(ctx, c.req.param("id"), bridge.apiKeyId, attempt, agentLeaseMs);
    const layout = await layoutOf(task.channelId);
    const lease: HeartbeatResponse = {
      leaseExpiresAt: new Date(task.leaseExpiresAt ?? ctx.now()).toISOString(),
      leaseMs: agentLeaseMs,
      documentName: threadContentDocumentName(layout, task.channelId, task.threadId) ?? undefined,
    };
    return c.json(lease);
  });

  app.post("/bridge/tasks/:id/reply", async (c) => {
    const bridge = requireBridge(c);
    const { attempt, messageId } = await readBody(c, replyStartedRequest);
    recordReplyMessage(ctx, c.req.param("id"), bridge.apiKeyId, attempt, messageId);
    return c.body(null, 204);
  });

  app.post("/bridge/tasks/:id/prompt", async (c) => {
    const bridge = requireBridge(c);
    const record = await readBody(c, promptRecordRequest);
    recordPrompt(ctx, c.req.param("id"), bridge.apiKeyId, record);
    return c.body(null, 204);
  });

  app.post("/bridge/tasks/:id/usage", async (c) => {
    const bridge = requireBridge(c);
    const usage = await readBody(c, usageRequest);
    recordLostAttemptUsage(ctx, c.req.param("id"), bridge.apiKeyId, usage);
    return c.body(null, 204);
  });

  app.post("/bridge/tasks/:id/finish", async (c) => {
    const bridge = requireBridge(c);
    const outcome = await readBody(c, finishTaskRequest);
    const task = finishTask(ctx, c.req.param("id"), bridge.apiKeyId, outcome);
    return c.json({ id: task.id, status: task.status });
  });

  return app;
}
