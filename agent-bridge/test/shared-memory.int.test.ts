// The shared memory end to end: context items made by people ("Remember this"), by a fork's
// resolution and by an agent's `remember` tool, and given to agents in their prompts within
// the items' scope. The real server, bridge and Anthropic SDK against the fake Messages API,
// whose recorded requests show exactly what the model was told.
import {
  type ContextItemList,
  type ContextItemView,
  createFork,
  pinMessage,
  postMessage,
  resolveFork,
  type TaskPromptView,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { pollUntil } from "../../sync-server/test/support/wait-for.ts";
import type { Person } from "../../sync-server/test/support/workspace-fixture.ts";
import type { AgentWorld } from "./support/agent-world.ts";
import { finishedReplies } from "./support/humans.ts";
import { startSplitThread } from "./support/split-channel.ts";
import { startToolWorld, stepsOf } from "./support/tool-world.ts";

async function remember(
  person: Person,
  channelId: string,
  at: { threadId: string; messageId: string },
  text: string,
  scope: "thread" | "channel" | "workspace",
): Promise<ContextItemView> {
  const response = await person.client.request<ContextItemView>(
    "POST",
    `/api/channels/${channelId}/context-items`,
    { kind: "decision", text, scope, ...at },
  );
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

async function itemsOf(world: AgentWorld, channelId: string): Promise<ContextItemView[]> {
  const path = `/api/channels/${channelId}/context-items`;
  const response = await world.workspace.member.client.request<ContextItemList>("GET", path);
  expect(response.status).toBe(200);
  return response.body.items;
}

/** The system prompt of the fake API's `index`-th request. */
function systemOf(world: AgentWorld, index: number): string {
  return String(world.fake.requests[index]?.body.system ?? "");
}

describe("context items in agents' prompts", () => {
  it("gives each reply its channel's and the workspace's items, never a private channel's elsewhere", async () => {
    const world = await startToolWorld();
    const { member, general, secret } = world.workspace;
    const me = world.member.actor;
    const rules = await startSplitThread(world.member, general.id, "Deploys on Tuesdays", "Rules");
    pinMessage(rules.thread.doc, me, { messageId: rules.messageId });
    await rules.thread.acknowledged();
    const rule = { threadId: rules.threadId, messageId: rules.messageId };
    const started = await startSplitThread(world.member, secret.id, "Codename mandolin", "Plan");
    const plan = { threadId: started.threadId, messageId: started.messageId };
    const pinnedItem = await remember(member, general.id, rule, "We deploy on Tuesdays", "channel");
    const shared = await remember(
      member,
      general.id,
      rule,
      "Releases are named after birds",
      "workspace",
    );
    const hidden = await remember(
      member,
      secret.id,
      plan,
      "The launch codename is mandolin",
      "channel",
    );
    // A private channel's words never become a workspace item.
    const refused = await member.client.request(
      "POST",
      `/api/channels/${secret.id}/context-items`,
      {
        kind: "fact",
        text: "mandolin for everyone",
        scope: "workspace",
        ...plan,
      },
    );
    expect(refused.status).toBe(400);

    // The claim carries the channel's pins, this one included: only the item can keep it out of
    // the prompt's pins.
    postMessage(rules.thread.doc, me, {
      threadId: rules.threadId,
      body: "@claude when do we deploy the birds release?",
    });
    const [reply] = await finishedReplies(rules.thread, rules.threadId);
    const system = systemOf(world, 0);
    expect(system).toContain("We deploy on Tuesdays");
    expect(system).toContain("Releases are named after birds");
    expect(system).not.toContain("mandolin");
    // The item made from the pinned message stands for it: the message is not repeated as a pin.
    expect(system).not.toContain("Pinned in this channel");

    const taskId = reply?.task?.taskId;
    const seen = await member.client.request<TaskPromptView>("GET", `/api/tasks/${taskId}/prompt`);
    const record = seen.body.records[0];
    expect(record?.contextItems.map((item) => item.itemId).sort()).toEqual(
      [pinnedItem.id, shared.id].sort(),
    );
    expect(record?.messages.some((m) => m.part === "pinned")).toBe(false);

    // In the private channel, its own item is given (and the workspace's).
    const inSecret = await startSplitThread(
      world.member,
      secret.id,
      "@claude what is the codename?",
    );
    await finishedReplies(inSecret.thread, inSecret.threadId);
    const secretSystem = systemOf(world, 1);
    expect(secretSystem).toContain("The launch codename is mandolin");
    expect(secretSystem).toContain("Releases are named after birds");
    expect(secretSystem).not.toContain("We deploy on Tuesdays");
    expect(hidden.channelId).toBe(secret.id);
  });

  it("keeps the items within the prompt's token budget, most relevant first", async () => {
    const world = await startToolWorld({ contextItemTokens: 40 });
    const { member, general } = world.workspace;
    const notes = await startSplitThread(world.member, general.id, "Notes", "Notes");
    const at = { threadId: notes.threadId, messageId: notes.messageId };
    await remember(member, general.id, at, "The staging database lives in Frankfurt", "channel");
    await remember(member, general.id, at, "Lunch is at noon on Fridays", "channel");
    await remember(member, general.id, at, "Coffee machine is on the third floor", "channel");

    const question = await startSplitThread(
      world.member,
      general.id,
      "@claude where is the staging database?",
    );
    await finishedReplies(question.thread, question.threadId);
    const system = systemOf(world, 0);
    // About 40 tokens: the most relevant item (shares "staging database") and no other.
    expect(system).toContain("The staging database lives in Frankfurt");
    expect(system).not.toContain("Coffee machine");
    expect(system).not.toContain("Lunch is at noon");
  });
});

describe("how context items are made", () => {
  it("remembers through the agent's remember tool, a step of its reply", async () => {
    const world = await startToolWorld();
    world.fake.enqueue(
      {
        kind: "reply",
        tokens: ["Noted."],
        toolCalls: [
          {
            id: "toolu_remember_0",
            name: "remember",
            input: { kind: "action", text: "Anna books the venue", scope: "thread" },
          },
          {
            id: "toolu_remember_1",
            name: "remember",
            input: { kind: "fact", text: "", scope: "channel" },
          },
          {
            id: "toolu_remember_2",
            name: "remember",
            input: { kind: "fact", text: "Anna books the venue", scope: "workspace" },
          },
        ],
      },
      { kind: "reply", tokens: [" I will remember that."] },
    );
    const { secret } = world.workspace;
    const question = await startSplitThread(
      world.member,
      secret.id,
      "@claude remember: Anna books the venue",
    );
    const channel = question.thread;
    const [reply] = await finishedReplies(channel, question.threadId);

    const [saved, empty, shared] = stepsOf(channel.doc, reply);
    expect(saved).toMatchObject({ tool: "remember", status: "ok" });
    expect(saved?.result).toBe("Remembered (action, thread): Anna books the venue");
    expect(empty).toMatchObject({ tool: "remember", status: "error" });
    // A private channel's agent remembers for that channel only.
    expect(shared).toMatchObject({ tool: "remember", status: "error" });
    expect(shared?.result).toBe(
      "Not remembered: scope: an agent in a private channel remembers for that channel only",
    );
    const items = await itemsOf(world, secret.id);
    expect(items).toMatchObject([
      {
        kind: "action",
        text: "Anna books the venue",
        scope: "thread",
        threadId: question.threadId,
        source: "agent",
        sourceTaskId: reply?.task?.taskId,
        sourceChannelId: secret.id,
        sourceThreadId: question.threadId,
        sourceMessageId: question.messageId,
        author: { id: world.workspace.agent.user.id },
        canManage: false,
      },
    ]);
  });

  it("does not offer remember when the agent's settings turn it off", async () => {
    const world = await startToolWorld();
    await world.setTools({ builtin: { remember: "off" } });
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude hello",
    );
    const channel = question.thread;
    await finishedReplies(channel, question.threadId);
    const offered = (world.fake.requests[0]?.body.tools ?? []) as { name: string }[];
    expect(offered.map((tool) => tool.name).sort()).toEqual(["read_thread", "search_messages"]);
  });

  it("makes a fork's resolution an item of its thread, by whoever resolved it", async () => {
    const world = await startToolWorld();
    const { general, member } = world.workspace;
    const me = world.member.actor;
    const thread = await startSplitThread(world.member, general.id, "Where do we meet?", "Venue");
    const { doc } = thread.thread;
    const forkId = createFork(doc, me, { messageId: thread.messageId, body: "Options?" });
    resolveFork(doc, me, { forkId, resolution: "We meet in the Harbour Room" });
    await thread.thread.acknowledged();
    await pollUntil("the fork's item", async () => (await itemsOf(world, general.id)).length > 0);
    expect(await itemsOf(world, general.id)).toMatchObject([
      {
        kind: "decision",
        text: "We meet in the Harbour Room",
        scope: "thread",
        threadId: thread.threadId,
        source: "fork",
        sourceForkId: forkId,
        sourceChannelId: general.id,
        sourceThreadId: thread.threadId,
        author: { id: member.user.id },
        canManage: true,
      },
    ]);
  });
});
