// Agent administration over real HTTP: configuration (defaults, partial
// changes, validation), the usage report against budgets, and retrying a
// failed agent task.
import type { AgentConfig, AgentUsageReport } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { DEFAULT_AGENT_CONFIG } from "../src/agents/agent-config.ts";
import { getTask } from "../src/agents/tasks.ts";
import { finishedTask } from "./support/finished-tasks.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

describe("agent configuration", () => {
  it("starts from the defaults and changes only what an admin sends", async () => {
    const { current } = await startTestServer();
    const { admin, member, agent } = await seedWorkspace(current);
    const path = `/api/agents/${agent.user.id}/config`;
    expect((await admin.client.get<AgentConfig>(path)).body).toEqual(DEFAULT_AGENT_CONFIG);
    expect((await member.client.get(path)).status).toBe(403);

    const changed = await admin.client.patch<AgentConfig>(path, {
      model: "claude-haiku-4-5",
      temperature: 0.2,
      monthlyTokenBudget: 50_000,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({
      ...DEFAULT_AGENT_CONFIG,
      model: "claude-haiku-4-5",
      temperature: 0.2,
      monthlyTokenBudget: 50_000,
    });
    const off = await admin.client.patch<AgentConfig>(path, { enabled: false });
    expect(off.body).toMatchObject({ enabled: false, model: "claude-haiku-4-5" });
    expect((await admin.client.get(path)).body).toEqual(off.body);

    const invalid = await admin.client.patch(path, { temperature: 2, maxOutputTokens: 0 });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(invalid.body)).toMatch(/temperature.*maxOutputTokens|maxOutputTokens/);
    expect((await admin.client.patch(path, {})).status).toBe(400);
    const person = `/api/agents/${member.user.id}/config`;
    expect((await admin.client.get(person)).status).toBe(404);
  });
});

describe("agent usage", () => {
  it("reports tokens per agent, channel and day, and the month so far against the budget", async () => {
    const { current } = await startTestServer();
    const w = await seedWorkspace(current);
    const { ctx } = current;
    const now = ctx.now();
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const old = now - 40 * 24 * 60 * 60 * 1000;
    finishedTask(ctx, w, w.general.id, { status: "completed", at: now, input: 100, output: 20 });
    finishedTask(ctx, w, w.general.id, { status: "failed", at: now - 1, input: 5, output: 0 });
    finishedTask(ctx, w, w.secret.id, { status: "completed", at: now, input: 7, output: 3 });
    finishedTask(ctx, w, w.secret.id, { status: "completed", at: old, input: 999, output: 1 });
    await w.admin.client.patch(`/api/agents/${w.agent.user.id}/config`, {
      monthlyTokenBudget: 100,
    });

    const report = await w.admin.client.get<AgentUsageReport>("/api/agents/usage?days=30");
    expect(report.status).toBe(200);
    const agentId = w.agent.user.id;
    expect(report.body.days).toEqual(
      expect.arrayContaining([
        {
          agentId,
          channelId: w.general.id,
          day: day(now),
          provider: null,
          model: null,
          tasks: 2,
          inputTokens: 105,
          outputTokens: 20,
          cost: null,
        },
        {
          agentId,
          channelId: w.secret.id,
          day: day(now),
          provider: null,
          model: null,
          tasks: 1,
          inputTokens: 7,
          outputTokens: 3,
          cost: null,
        },
      ]),
    );
    expect(report.body.days.some((row) => row.day === day(old))).toBe(false);
    const used = report.body.monthToDate.find((row) => row.agentId === agentId);
    expect(used).toMatchObject({
      handle: "claude",
      monthlyTokenBudget: 100,
      remaining: 0,
      exhausted: true,
    });
    expect(used?.usedThisMonth).toBeGreaterThanOrEqual(135);

    expect((await w.admin.client.get("/api/agents/usage?days=0")).status).toBe(400);
    expect((await w.member.client.get("/api/agents/usage")).status).toBe(403);
  });
});

describe("retrying an agent task", () => {
  it("queues a failed task again for whoever may write in its channel, once", async () => {
    const { current } = await startTestServer();
    const w = await seedWorkspace(current);
    const at = current.ctx.now();
    const taskId = finishedTask(current.ctx, w, w.secret.id, {
      status: "failed",
      at,
      input: 0,
      output: 0,
    });
    expect((await w.outsider.client.post(`/api/tasks/${taskId}/retry`)).status).toBe(404);
    expect((await w.guest.client.post(`/api/tasks/${taskId}/retry`)).status).toBe(403);

    const retried = await w.member.client.post(`/api/tasks/${taskId}/retry`);
    expect(retried).toMatchObject({ status: 200, body: { id: taskId, status: "queued" } });
    expect(getTask(current.ctx, taskId)).toMatchObject({ status: "queued", error: null });
    expect((await w.member.client.post(`/api/tasks/${taskId}/retry`)).status).toBe(409);
    expect((await w.member.client.post("/api/tasks/01JZZZZZZZZZZZZZZZZZZZZZZZ/retry")).status).toBe(
      404,
    );
  });
});
