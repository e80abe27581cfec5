// The task ledger's claims over the bridge protocol: a claim whose lease ran
// out is renewed by its bridge as long as no other claim took the task
// ("renew if still unclaimed"), and is refused once one did, even for the
// same bridge key; each claim's usage counts once, whoever reports it.
import { describe, expect, it } from "vitest";
import { createBridgeKey } from "../src/agents/bridge-keys.ts";
import { TaskQueueSignal } from "../src/agents/task-queue.ts";
import { enqueueTask, getTask } from "../src/agents/tasks.ts";
import { ApiClient } from "./support/api-client.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

const LEASE_MS = 1_000;

/** Waits until the wall clock passes `instant`: what a lease's expiry depends on. */
const clockPasses = (instant: number) =>
  new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, instant - Date.now()) + 1));

interface Claimed {
  id: string;
  attempt: number;
  leaseExpiresAt: string;
}

async function world() {
  const server = await startTestServer({ OPENVIBE_AGENT_LEASE_MS: String(LEASE_MS) });
  const w = await seedWorkspace(server.current);
  const { ctx } = server.current;
  const task = enqueueTask(ctx, new TaskQueueSignal(), {
    kind: "mention",
    agentId: w.agent.user.id,
    channelId: w.general.id,
    threadId: "thread-1",
    forkId: null,
    triggerMessageId: "message-1",
    requestedBy: w.member.user.id,
    depth: 0,
  });
  if (task === null) throw new Error("task not queued");
  const bridge = (name: string) =>
    new ApiClient(server.current.url, { apiKey: createBridgeKey(ctx, w.admin.user, name).key });
  const claim = async (client: ApiClient, running: string[] = []) => {
    const response = await client.post<Claimed>("/api/bridge/claim", { waitMs: 0, running });
    return response.status === 200 ? response.body : null;
  };
  const stored = () => getTask(ctx, task.id);
  /** Waits until the task's stored lease has run out. */
  const leaseRunsOut = () => clockPasses(stored()?.leaseExpiresAt ?? 0);
  return { taskId: task.id, bridge, claim, stored, leaseRunsOut };
}

describe("claims of an agent task", () => {
  it("renews a run-out lease while no other claim took the task, and never after", async () => {
    const { taskId, bridge, claim, stored, leaseRunsOut } = await world();
    const first = bridge("first");
    const other = bridge("other");
    const path = (what: string) => `/api/bridge/tasks/${taskId}/${what}`;

    const mine = await claim(first);
    expect(mine).toMatchObject({ id: taskId, attempt: 1 });
    await leaseRunsOut();
    expect(await claim(first, [taskId])).toBeNull(); // its own running task is not handed back
    expect((await first.post(path("heartbeat"), { attempt: 1 })).status).toBe(200);
    expect(stored()?.leaseExpiresAt ?? 0).toBeGreaterThan(Date.now());
    expect(await claim(other)).toBeNull(); // renewed: nothing to take

    await leaseRunsOut();
    expect(await claim(other)).toMatchObject({ id: taskId, attempt: 2 });
    expect((await first.post(path("heartbeat"), { attempt: 1 })).status).toBe(409);
    expect((await first.post(path("finish"), { attempt: 1, status: "completed" })).status).toBe(
      409,
    );

    // The same key's old claim is refused too, once a newer claim of that key took the task.
    await leaseRunsOut();
    expect(await claim(first)).toMatchObject({ id: taskId, attempt: 3 });
    expect((await first.post(path("heartbeat"), { attempt: 1 })).status).toBe(409);
    expect((await first.post(path("heartbeat"), { attempt: 3 })).status).toBe(200);
  });

  it("counts each claim's usage once, from its own bridge or from the bridge that settles the reply", async () => {
    const { taskId, bridge, claim, stored, leaseRunsOut } = await world();
    const first = bridge("first");
    const other = bridge("other");
    const path = (what: string) => `/api/bridge/tasks/${taskId}/${what}`;
    const usage = { attempt: 1, model: "claude-fake", inputTokens: 42, outputTokens: 60 };

    await claim(first);
    expect((await first.post(path("reply"), { attempt: 1, messageId: "reply-1" })).status).toBe(
      204,
    );
    await leaseRunsOut();
    const taken = await claim(other);
    expect(taken).toMatchObject({ attempt: 2, replyMessageId: "reply-1", replyAttempt: 1 });

    // The first bridge comes back and reports what its model call consumed, twice.
    expect((await first.post(path("usage"), usage)).status).toBe(204);
    expect((await first.post(path("usage"), usage)).status).toBe(204);
    // Only the bridge that made a claim reports for it on this route.
    expect((await other.post(path("usage"), usage)).status).toBe(404);
    // The other bridge found the first one's finished reply and settles with the usage it records.
    const tooLate = { attempt: 2, status: "completed", usage: { ...usage, attempt: 3 } };
    expect((await other.post(path("finish"), tooLate)).status).toBe(400);
    const finish = { attempt: 2, status: "completed", model: "claude-fake", usage };
    expect((await other.post(path("finish"), finish)).status).toBe(200);

    expect(stored()).toMatchObject({ status: "completed", inputTokens: 42, outputTokens: 60 });
  });
});
