// Before replying to a mention, the bridge asks the server for related messages and puts them in
// the prompt: the real server, bridge and SDK (against the fake API, which records what the
// model is sent). The agent sees only what it may read, and only a bridge holding the task's
// lease may ask.
import { describe, expect, it } from "vitest";
import { createBridgeKey } from "../../sync-server/src/agents/bridge-keys.ts";
import { ApiClient } from "../../sync-server/test/support/api-client.ts";
import { RELATED_HEADING } from "../src/context/related-section.ts";
import { startAgentWorld } from "./support/agent-world.ts";
import { claimNextTask } from "./support/claim.ts";
import { finishedReplies } from "./support/humans.ts";
import {
  PRIVATE_ELSEWHERE,
  PRIVATE_TO_ITS_CHANNEL,
  PUBLIC_ELSEWHERE,
  READABLE,
  seedRelated,
} from "./support/related-world.ts";
import { startSplitThread } from "./support/split-channel.ts";

const QUESTION = "@claude when is the zebracorn launch? The zebracorn launch notes are above.";

describe("related messages in a reply's prompt", () => {
  it("come from public channels the agent reads, never from private ones elsewhere", async () => {
    const world = await startAgentWorld();
    await seedRelated(world);

    const question = await startSplitThread(world.member, world.workspace.general.id, QUESTION);
    const [reply] = await finishedReplies(question.thread, question.threadId);

    expect(reply?.task?.status).toBe("completed");
    expect(world.fake.requests).toHaveLength(1);
    const { system } = world.fake.requests[0] ?? { system: "" };
    expect(system).toContain(`${RELATED_HEADING} (`);
    expect(system).toMatch(
      /#launches › Launch plan — member \(@member\), \d{4}-\d{2}-\d{2}: The zebracorn launch moved to Friday/,
    );
    // The agent reads #secret-plans, but the reply goes to #general: its words stay there.
    expect(system).not.toContain(PRIVATE_TO_ITS_CHANNEL);
    // The question's own thread is the conversation, not "elsewhere".
    expect(system).not.toContain("launch notes are above");
    const everything = JSON.stringify(world.fake.requests);
    expect(everything).not.toContain("salary");
    expect(everything).not.toContain("memes");
    expect(everything).not.toContain("hr-only");
  });

  it("include a private channel's messages in replies inside that channel", async () => {
    const world = await startAgentWorld();
    await seedRelated(world);

    const question = await startSplitThread(world.member, world.workspace.secret.id, QUESTION);
    await finishedReplies(question.thread, question.threadId);

    const { system } = world.fake.requests[0] ?? { system: "" };
    expect(system).toContain(PRIVATE_TO_ITS_CHANNEL);
    expect(system).toContain(READABLE);
  });

  it("are left out when the workspace has search turned off", async () => {
    const world = await startAgentWorld();
    await seedRelated(world);
    const off = await world.workspace.admin.client.patch("/api/workspace", {
      features: { search: false },
    });
    expect(off.status).toBe(200);

    const question = await startSplitThread(world.member, world.workspace.general.id, QUESTION);
    const [reply] = await finishedReplies(question.thread, question.threadId);

    expect(reply?.task?.status).toBe("completed");
    expect(world.fake.requests[0]?.system).not.toContain(RELATED_HEADING);
  });
});

describe("GET /api/bridge/tasks/:id/search", () => {
  it("answers only the bridge holding the task's lease, searching as the task's agent", async () => {
    // A lease long enough for the requests below once the heartbeat confirms the claim.
    const world = await startAgentWorld({
      bridge: false,
      server: { OPENVIBE_AGENT_LEASE_MS: "20000" },
    });
    await seedRelated(world);
    const { server, workspace } = world;
    const holder = new ApiClient(server.current.url, { apiKey: world.bridgeKey });
    const other = new ApiClient(server.current.url, {
      apiKey: createBridgeKey(server.current.ctx, workspace.admin.user, "other bridge").key,
    });
    await startSplitThread(world.member, workspace.general.id, QUESTION);
    const { id, attempt } = await claimNextTask(holder);
    expect((await holder.post(`/api/bridge/tasks/${id}/heartbeat`, { attempt })).status).toBe(200);
    const path = `/api/bridge/tasks/${id}/search?q=${encodeURIComponent("zebracorn launch ")}`;

    const held = await holder.get<{ messages: { excerpt: string; channelName: string }[] }>(path);
    expect(held.status).toBe(200);
    expect(held.body.messages.map((m) => [m.channelName, m.excerpt])).toEqual([
      ["launches", READABLE],
    ]);
    expect(JSON.stringify(held.body)).not.toMatch(
      new RegExp(`${PRIVATE_ELSEWHERE}|${PUBLIC_ELSEWHERE}|${PRIVATE_TO_ITS_CHANNEL}`),
    );

    expect((await other.get(path)).status).toBe(409);
    expect((await workspace.member.client.get(path)).status).toBe(403);
    expect((await workspace.admin.client.get(path)).status).toBe(403);
    expect((await workspace.agent.client.get(path)).status).toBe(403);
    expect((await workspace.anonymous.get(path)).status).toBe(401);

    const finished = await holder.post(`/api/bridge/tasks/${id}/finish`, {
      attempt,
      status: "cancelled",
    });
    expect(finished.status).toBe(200);
    expect((await holder.get(path)).status).toBe(409);
  });
});
