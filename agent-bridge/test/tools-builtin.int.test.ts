// The built-in tools every agent has without MCP, end to end (the real
// server, bridge and SDK against the fake API): search_messages finds what
// the agent may read, with links, and read_thread reads a thread by such a
// link; a private channel's thread stays out of a reply in another channel,
// even one the agent belongs to, and a channel the agent is not in stays shut.
import { listThreads } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { startAgentWorld } from "./support/agent-world.ts";
import { ask, finishedReplies } from "./support/humans.ts";
import {
  PRIVATE_ELSEWHERE,
  PRIVATE_TO_ITS_CHANNEL,
  READABLE,
  seedRelated,
} from "./support/related-world.ts";
import { stepsOf } from "./support/tool-world.ts";

const toolUse = (...calls: [string, unknown][]) => ({
  kind: "reply" as const,
  tokens: [],
  toolCalls: calls.map(([name, input], i) => ({ id: `toolu_${i}`, name, input })),
});

describe("built-in tools", () => {
  it("search messages and read a thread by its link, within the agent's permissions", async () => {
    const world = await startAgentWorld();
    const channels = await seedRelated(world);
    /** The link of the thread with this title, in whichever seeded channel holds it. */
    const linkTo = (title: string) => {
      for (const [channelId, channel] of channels) {
        const thread = listThreads(channel.doc).find((t) => t.title === title);
        if (thread !== undefined) return `/c/${channelId}/t/${thread.id}`;
      }
      throw new Error(`no thread ${title}`);
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
    const general = await world.member.open(world.workspace.general.id);
    const question = ask(general.doc, world.member.actor, "@claude when is it?");

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
