// What the agent saw: the bridge reports what went into a reply's prompt (pinned messages and
// the conversation with each message's version and text as sent, related hits from elsewhere,
// provider and model) and the server keeps it with the task, serves it to those who can read
// the channel and exports it. The real server, bridge and SDK against the fake Messages API.
import {
  type ExportFile,
  editMessage,
  getMessage,
  messageVersion,
  pinMessage,
  postMessage,
  type TaskPromptView,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { ApiClient } from "../../sync-server/test/support/api-client.ts";
import { startAgentWorld } from "./support/agent-world.ts";
import { claimNextTask } from "./support/claim.ts";
import { finishedReplies } from "./support/humans.ts";
import { PRIVATE_TO_ITS_CHANNEL, READABLE, seedRelated } from "./support/related-world.ts";
import { startSplitThread } from "./support/split-channel.ts";

describe("what the agent saw", () => {
  it("is recorded with the task: messages with their version and text as sent, pins, related hits, provider and model", async () => {
    const world = await startAgentWorld();
    await seedRelated(world);
    const { member, admin, outsider, guest } = world.workspace;
    const { general } = world.workspace;
    const me = world.member.actor;
    const rules = await startSplitThread(world.member, general.id, "Deploys on Tuesdays", "Rules");
    pinMessage(rules.thread.doc, me, { messageId: rules.messageId });
    await rules.thread.acknowledged();
    const question = await startSplitThread(world.member, general.id, "Plan is a draft", "Launch");
    const { doc } = question.thread;
    editMessage(doc, me, { messageId: question.messageId, body: "Plan is final" });
    const edited = getMessage(doc, question.messageId);
    const mention = postMessage(doc, me, {
      threadId: question.threadId,
      body: "@claude when is the zebracorn launch?",
    });
    const [reply] = await finishedReplies(question.thread, question.threadId);
    const [task] = await world.ledgerSettled(mention);
    if (reply?.task == null || task === undefined || edited === undefined) {
      throw new Error("no reply");
    }
    // Edited after the reply: the record keeps the text the prompt had.
    editMessage(doc, me, { messageId: question.messageId, body: "Plan changed again" });

    const path = `/api/tasks/${reply.task.taskId}/prompt`;
    const seen = await member.client.get<TaskPromptView>(path);
    expect(seen.status).toBe(200);
    expect(seen.body.channelId).toBe(world.workspace.general.id);
    expect(seen.body.records).toHaveLength(1);
    const [record] = seen.body.records;
    expect(record).toMatchObject({
      attempt: 1,
      replyMessageId: reply.id,
      provider: "anthropic",
      model: "claude-sonnet-5-5",
      omittedMessages: 0,
    });
    expect(record?.messages).toEqual([
      {
        messageId: rules.messageId,
        part: "pinned",
        version: expect.any(String),
        authorId: member.user.id,
        text: "Deploys on Tuesdays",
      },
      {
        messageId: question.messageId,
        part: "conversation",
        version: messageVersion(edited),
        authorId: member.user.id,
        text: "Plan is final",
      },
      {
        messageId: mention,
        part: "conversation",
        version: expect.any(String),
        authorId: member.user.id,
        text: "@claude when is the zebracorn launch?",
      },
    ]);
    expect(edited.editedAt).not.toBeNull();
    expect(record?.related.map((r) => [r.channelName, r.threadTitle, r.excerpt])).toEqual([
      ["launches", "Launch plan", READABLE],
    ]);
    // Exactly what the model was sent.
    const sent = JSON.stringify(world.fake.requests[0]);
    for (const text of ["Deploys on Tuesdays", "Plan is final", READABLE]) {
      expect(sent).toContain(text);
    }

    // Only for those who can read the channel.
    expect((await admin.client.get(path)).status).toBe(200);
    expect((await outsider.client.get(path)).status).toBe(404);
    expect((await guest.client.get(path)).status).toBe(404);
    expect((await world.workspace.anonymous.get(path)).status).toBe(401);

    // Exported with the task's channel.
    const exported = await admin.client.get<ExportFile>(
      `/api/export?channel=${world.workspace.general.id}`,
    );
    const prompts = exported.body.channels[0]?.agentPrompts ?? [];
    const { relatedHidden: _none, ...whole } = record ?? { relatedHidden: 0 };
    expect(prompts).toEqual([{ taskId: task.id, ...whole }]);
  });

  it("of a reply in a private channel goes to its members only, each without hits from channels they cannot read", async () => {
    const world = await startAgentWorld();
    await seedRelated(world);
    const question = await startSplitThread(
      world.member,
      world.workspace.secret.id,
      "@claude the zebracorn launch budget?",
    );
    const [reply] = await finishedReplies(question.thread, question.threadId);
    const path = `/api/tasks/${reply?.task?.taskId}/prompt`;
    const { member, guest, outsider, admin } = world.workspace;

    const seen = await member.client.get<TaskPromptView>(path);
    expect(JSON.stringify(seen.body)).toContain(PRIVATE_TO_ITS_CHANNEL);
    // The hit from the public #launches: the member reads it there, the guest does not.
    expect(seen.body.records[0]?.related.map((r) => r.excerpt)).toContain(READABLE);
    expect(seen.body.records[0]?.relatedHidden).toBe(0);
    const asGuest = await guest.client.get<TaskPromptView>(path);
    expect(asGuest.status).toBe(200);
    expect(JSON.stringify(asGuest.body)).not.toContain(READABLE);
    expect(asGuest.body.records[0]?.relatedHidden).toBe(1);
    expect(JSON.stringify(asGuest.body)).toContain(PRIVATE_TO_ITS_CHANNEL);
    expect((await admin.client.get(path)).status).toBe(200);
    const refused = await outsider.client.get(path);
    expect(refused.status).toBe(404);
    expect(JSON.stringify(refused.body)).not.toContain("zebracorn");
  });

  it("is accepted from the claim that recorded its reply only, within its bounds", async () => {
    const world = await startAgentWorld({
      bridge: false,
      server: { OPENVIBE_AGENT_LEASE_MS: "20000" },
    });
    const holder = new ApiClient(world.server.current.url, { apiKey: world.bridgeKey });
    await startSplitThread(world.member, world.workspace.general.id, "@claude hello");
    const { id, attempt } = await claimNextTask(holder);
    const prompt = `/api/bridge/tasks/${id}/prompt`;
    const seenText = (text: string, messageId = "m1") => ({
      messageId,
      part: "conversation",
      version: "001764000000000.000000",
      authorId: "u",
      text,
    });
    const record = (...messages: ReturnType<typeof seenText>[]) => ({
      attempt,
      provider: "anthropic",
      model: "claude-sonnet-5-5",
      messages,
      related: [],
      omittedMessages: 0,
    });
    expect((await holder.post(`/api/bridge/tasks/${id}/heartbeat`, { attempt })).status).toBe(200);
    // No reply recorded yet: nothing to attach it to.
    expect((await holder.post(prompt, record(seenText("hi")))).status).toBe(409);
    await holder.post(`/api/bridge/tasks/${id}/reply`, { attempt, messageId: "reply-1" });
    const long = (n: number) => seenText("x".repeat(40_000), `m${n}`);
    const tooMuch = record(long(1), long(2), long(3), long(4));
    const refused = await holder.post(prompt, tooMuch);
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain("120000 characters");
    const hi = record(seenText("hi"));
    expect((await holder.post(prompt, { ...hi, attempt: attempt + 1 })).status).toBe(409);
    expect((await holder.post(prompt, hi)).status).toBe(204);
    // Once per claim: the first report stays.
    expect((await holder.post(prompt, record(seenText("changed")))).status).toBe(204);
    const seen = await world.workspace.member.client.get<TaskPromptView>(`/api/tasks/${id}/prompt`);
    expect(seen.body.records.map((r) => [r.replyMessageId, r.messages[0]?.text])).toEqual([
      ["reply-1", "hi"],
    ]);
  });
});
