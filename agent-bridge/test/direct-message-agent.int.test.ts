// Agents can be in direct messages: a person opens one with an agent, mentions it, and the
// reply streams into that conversation through the real server, bridge and SDK (against the
// fake API), as in a channel.
import type { ChannelView } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { startAgentWorld } from "./support/agent-world.ts";
import { finishedReplies } from "./support/humans.ts";
import { startSplitThread } from "./support/split-channel.ts";

describe("an agent in a direct message", () => {
  it("answers a mention there", async () => {
    const world = await startAgentWorld({
      reply: { kind: "reply", tokens: [" just", " between", " us"], tokenDelayMs: 1 },
    });
    const opened = await world.workspace.member.client.post<ChannelView>("/api/direct-messages", {
      userIds: [world.workspace.agent.user.id],
    });
    expect(opened.status).toBe(201);
    const question = await startSplitThread(
      world.member,
      opened.body.id,
      "@claude a quiet question",
    );
    const conversation = question.thread;
    const [reply] = await finishedReplies(conversation, question.threadId);
    expect(reply?.body).toBe(" just between us");
    expect(reply?.task).toMatchObject({ status: "completed" });
    const [task] = await world.ledgerSettled(question.messageId);
    expect(task).toMatchObject({ status: "completed", channelId: opened.body.id });
  });
});
