import { describe, expect, it } from "vitest";
import { startAgentWorld } from "./support/agent-world.ts";
import { finishedReplies } from "./support/humans.ts";
import {
  PRIVATE_ELSEWHERE,
  PRIVATE_TO_ITS_CHANNEL,
  READABLE,
  seedRelated,
} from "./support/related-world.ts";
import { startSplitThread } from "./support/split-channel.ts";
import { stepsOf } from "./support/tool-world.ts";

const toolUse = (...calls: [string, unknown][]) => ({
  kind: "reply" as const,
  tokens: [],
  toolCalls: calls.map(([name, input], i) => ({ id: `toolu_${i}`, name, input })),
});

describe("built-in tools", () => {
  it("search messages and read a thread by its link, within the agent's permissions", async () => {
    const world = await startAgentWorld();
    const threads = await seedRelated(world);
    /** The link of the thread with this title, in whichever seeded channel holds it. */
    const linkTo = (title: string) => {
      const thread = threads.find((t) => t.title === title);
      if (thread === undefined) throw new Error(`no thread ${title}`);
      return `/c/${thread.channelId}/t/${thread.threadId}`;
    };
    const launchLink = linkTo("Launch plan");
    world.fake.enqueue(
      toolUse(["search_messages", { query: "zebracorn launch" }]),
      toolUse(
        ["read_thread", { link: `https://chat.example${launchLink}?m=x` }],
        ["read_thread", { link: linkTo("Budget") }],
        ["read_thread", { link: linkTo("Pay") }],
      ),
      { kind: "reply", tokens: ["Friday."] },
    );
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude when is it?",
    );
    const general = question.thread;

    const [reply] = await finishedReplies(general, question.threadId);
    expect(reply?.body).toBe("Friday.");
    const [search, read, ...refused] = stepsOf(general.doc, reply);
    expect(search).toMatchObject({ tool: "search_messages", status: "ok" });
    expect(search?.result).toContain("#launches › Launch plan — member (@member)");
    expect(search?.result).toContain(`link: ${launchLink}?m=`);
    expect(read).toMatchObject({ tool: "read_thread", status: "ok" });
    expect(read?.result).toContain("#launches › Launch plan (1 messages)");
    expect(read?.result).toContain(READABLE);
    // #secret-plans: the agent reads it, but this reply is read in #general. #hr-only: not its.
    const notFound = "There is no thread you may read at that link.";
    expect(refused).toMatchObject([
      { tool: "read_thread", status: "error", result: notFound },
      { tool: "read_thread", status: "error", result: notFound },
    ]);
    const sent = JSON.stringify(world.fake.requests);
    expect(sent).not.toContain(PRIVATE_TO_ITS_CHANNEL);
    expect(sent).not.toContain(PRIVATE_ELSEWHERE);
  });
});
