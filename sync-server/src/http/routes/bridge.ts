// The task protocol for agent bridges (bridge keys only): claim with a long
// poll, renew the lease, record the reply message, finish.
import { claimTaskRequest, finishTaskRequest, replyStartedRequest } from "@openvibe/schema";
import { Hono } from "hono";
import { toClaimedTask } from "../../agents/claimed-task.ts";
import { claimTask, finishTask, recordReplyMessage, renewLease } from "../../agents/tasks.ts";
import { type AppEnv, requireBridge } from "../authentication.ts";
import { readBody } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function bridgeRoutes({ ctx, taskQueue, agentLeaseMs }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.post("/bridge/claim", async (c) => {
    const bridge = requireBridge(c);
    const { waitMs } = await readBody(c, claimTaskRequest);
    const deadline = ctx.now() + waitMs;
    for (;;) {
      const task = claimTask(ctx, bridge.apiKeyId, agentLeaseMs);
      if (task !== null) return c.json(toClaimedTask(ctx, task));
      const remaining = deadline - ctx.now();
      if (remaining <= 0 || c.req.raw.signal.aborted) return c.body(null, 204);
      await taskQueue.wait(remaining, c.req.raw.signal);
    }
  });

  app.post("/bridge/tasks/:id/heartbeat", (c) => {
    const bridge = requireBridge(c);
    const task = renewLease(ctx, c.req.param("id"), bridge.apiKeyId, agentLeaseMs);
    return c.json({ leaseExpiresAt: new Date(task.leaseExpiresAt ?? ctx.now()).toISOString() });
  });

  app.post("/bridge/tasks/:id/reply", async (c) => {
    const bridge = requireBridge(c);
    const { messageId } = await readBody(c, replyStartedRequest);
    recordReplyMessage(ctx, c.req.param("id"), bridge.apiKeyId, messageId);
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
