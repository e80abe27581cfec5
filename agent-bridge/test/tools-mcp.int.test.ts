// Tools through MCP end to end: the real bridge, the real Anthropic SDK
// against the fake API emitting tool_use blocks, and a real MCP server built
// with the SDK's server classes, over stdio (a child process) and over
// streamable HTTP with a secret header. Each call shows as a step of the
// reply; failures, oversized results, Stop and the call limit end the step
// (never the reply stuck); the header secret never reaches the document,
// the claim-visible API or the logs.
import { requestStop } from "@openvibe/schema";
import { describe, expect, it, onTestFinished } from "vitest";
import * as Y from "yjs";
import { startFakeMcpHttp } from "../src/testing/fake-mcp-http.ts";
import { agentReplies, finishedReplies } from "./support/humans.ts";
import { startSplitThread } from "./support/split-channel.ts";
import { STDIO_SERVER, startToolWorld, stepsOf } from "./support/tool-world.ts";

const toolUse = (tokens: string[], ...calls: [string, unknown][]) => ({
  kind: "reply" as const,
  tokens,
  toolCalls: calls.map(([name, input], i) => ({ id: `toolu_${name}_${i}`, name, input })),
});
const answer = (...tokens: string[]) => ({ kind: "reply" as const, tokens });

/** The tool_result blocks of a recorded request. */
function toolResults(body: Record<string, unknown>) {
  const messages = body.messages as { role: string; content: unknown }[];
  return messages.flatMap((m) =>
    Array.isArray(m.content)
      ? (m.content as { type: string }[]).filter((block) => block.type === "tool_result")
      : [],
  );
}

describe("an agent with an MCP server over stdio", () => {
  it("shows a tool call as a step with its result, then the final answer", async () => {
    const world = await startToolWorld();
    await world.setTools({ servers: [STDIO_SERVER] });
    world.fake.enqueue(
      toolUse(["Let me", " look."], ["fake__lookup", { q: "lease" }]),
      answer("Leases", " last 20 s."),
    );
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude how long is a lease?",
    );
    const channel = question.thread;

    const [reply] = await finishedReplies(channel, question.threadId);
    expect(reply?.task?.status).toBe("completed");
    expect(reply?.body).toBe("Let me look.\n\nLeases last 20 s.");
    expect(stepsOf(channel.doc, reply)).toMatchObject([
      {
        index: 0,
        tool: "fake__lookup",
        input: '{"q":"lease"}',
        status: "ok",
        summary: "found: lease",
        result: "found: lease",
      },
    ]);
    expect(stepsOf(channel.doc, reply)[0]?.durationMs).toBeGreaterThanOrEqual(0);
    const [first, second] = world.fake.requests;
    const offered = ((first?.body.tools ?? []) as { name: string }[]).map((t) => t.name).sort();
    expect(offered).toEqual([
      "fake__big",
      "fake__count",
      "fake__crash",
      "fake__hang",
      "fake__lookup",
      "read_thread",
      "remember",
      "search_messages",
    ]);
    expect(toolResults(second?.body ?? {})).toEqual([
      {
        type: "tool_result",
        tool_use_id: "toolu_fake__lookup_0",
        content: "found: lease",
        is_error: false,
      },
    ]);
    // Both calls' tokens count (the fake reports 42 input tokens per call).
    expect(reply?.task?.usage?.inputTokens).toBe(84);
  });

  it("ends the step with an error when the server crashes, and the reply still completes", async () => {
    const world = await startToolWorld();
    await world.setTools({ servers: [STDIO_SERVER] });
    world.fake.enqueue(toolUse([], ["fake__crash", {}]), answer("The tool broke."));
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude crash it",
    );
    const channel = question.thread;

    const [reply] = await finishedReplies(channel, question.threadId);
    expect(reply?.task?.status).toBe("completed");
    expect(reply?.body).toBe("The tool broke.");
    const [step] = stepsOf(channel.doc, reply);
    expect(step).toMatchObject({ tool: "fake__crash", status: "error" });
    expect(step?.result).toMatch(/^The tool call failed: /);
    expect(toolResults(world.fake.requests[1]?.body ?? {})).toMatchObject([
      { is_error: true, content: step?.result },
    ]);
  });

  it("cuts a result past the limit, telling the model", async () => {
    const world = await startToolWorld();
    await world.setTools({ servers: [STDIO_SERVER], limits: { maxResultBytes: 2_000 } });
    world.fake.enqueue(toolUse([], ["fake__big", { bytes: 50_000 }]), answer("Long."));
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude get everything",
    );
    const channel = question.thread;

    const [reply] = await finishedReplies(channel, question.threadId);
    const [step] = stepsOf(channel.doc, reply);
    expect(step?.status).toBe("ok");
    expect(new TextEncoder().encode(step?.result).length).toBeLessThanOrEqual(2_000);
    expect(step?.result).toContain("[Result truncated: the first 2000 of 50000 bytes.");
    expect(step?.summary).toContain("(50000 bytes, truncated)");
    expect(toolResults(world.fake.requests[1]?.body ?? {})).toMatchObject([
      { content: step?.result },
    ]);
  });

  it("ends a call that does not answer in time with an error, and answers", async () => {
    const world = await startToolWorld();
    await world.setTools({ servers: [STDIO_SERVER], limits: { callTimeoutMs: 1_000 } });
    world.fake.enqueue(toolUse([], ["fake__hang", {}]), answer("It hung."));
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude try the slow one",
    );
    const channel = question.thread;

    const [reply] = await finishedReplies(channel, question.threadId);
    expect(reply?.body).toBe("It hung.");
    const [step] = stepsOf(channel.doc, reply);
    expect(step).toMatchObject({ status: "error" });
    expect(step?.result).toBe("The tool call failed: no answer within 1 s");
    expect(step?.durationMs).toBeGreaterThanOrEqual(1_000);
  });

  it("cancels a running tool call on Stop, ending the step and the reply", async () => {
    const world = await startToolWorld();
    await world.setTools({ servers: [STDIO_SERVER] });
    world.fake.enqueue(toolUse(["Waiting."], ["fake__hang", {}]));
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude wait forever",
    );
    const channel = question.thread;
    await channel.until("the tool step to run", () => {
      const [reply] = agentReplies(channel.doc, question.threadId);
      return stepsOf(channel.doc, reply)[0]?.status === "running";
    });
    const [running] = agentReplies(channel.doc, question.threadId);
    requestStop(channel.doc, world.member.actor, { messageId: running?.id ?? "" });

    const [reply] = await finishedReplies(channel, question.threadId);
    expect(reply?.task).toMatchObject({ status: "cancelled", stopReason: "stopped_by_user" });
    expect(reply?.body).toBe("Waiting.");
    expect(stepsOf(channel.doc, reply)).toMatchObject([
      { tool: "fake__hang", status: "cancelled" },
    ]);
    expect(world.fake.requests).toHaveLength(1);
  });

  it("stops calling tools at the reply's limit and asks the model to answer", async () => {
    const world = await startToolWorld();
    await world.setTools({ servers: [STDIO_SERVER], limits: { maxCallsPerReply: 2 } });
    world.fake.enqueue(
      toolUse([], ["fake__count", {}]),
      toolUse([], ["fake__count", {}], ["fake__count", {}]),
      answer("Counted."),
    );
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude count forever",
    );
    const channel = question.thread;

    const [reply] = await finishedReplies(channel, question.threadId);
    expect(reply?.body).toBe("Counted.");
    const steps = stepsOf(channel.doc, reply);
    expect(steps.map((s) => [s.status, s.result])).toEqual([
      ["ok", "call 1"],
      ["ok", "call 2"],
      [
        "error",
        "Not run: this reply reached its limit of 2 tool calls. Answer with what you have.",
      ],
    ]);
    expect(world.fake.requests).toHaveLength(3);
    expect(world.fake.requests[2]?.body.tool_choice).toEqual({ type: "none" });
  });
});

describe("an agent with an MCP server over streamable HTTP", () => {
  it("sends the header secret to the server only, never to the document, API or logs", async () => {
    const secret = { header: "X-Api-Key", value: `mcp-secret-${Date.now()}` };
    const mcp = await startFakeMcpHttp(secret);
    onTestFinished(() => mcp.close());
    const world = await startToolWorld();
    const server = {
      name: "web",
      transport: "http",
      url: mcp.url,
      headerName: secret.header,
      headerValue: secret.value,
    };
    await world.setTools({ servers: [server] });
    world.fake.enqueue(toolUse([], ["web__lookup", { q: "http" }]), answer("Over HTTP."));
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude over http?",
    );
    const channel = question.thread;

    const [reply] = await finishedReplies(channel, question.threadId);
    expect(reply?.body).toBe("Over HTTP.");
    expect(stepsOf(channel.doc, reply)).toMatchObject([{ status: "ok", result: "found: http" }]);
    expect(mcp.headers.every((h) => h["x-api-key"] === secret.value)).toBe(true);

    const state = Buffer.from(Y.encodeStateAsUpdate(channel.doc)).toString("latin1");
    const view = await world.workspace.admin.client.get(
      `/api/agents/${world.workspace.agent.user.id}/tools`,
    );
    for (const [where, text] of [
      ["document", state],
      ["API", JSON.stringify(view.body)],
      ["bridge logs", world.logs.join("")],
      ["model requests", JSON.stringify(world.fake.requests)],
    ] as const) {
      expect(text.includes(secret.value), where).toBe(false);
    }
  });

  it("shows an unreachable server as a failed step and answers without its tools", async () => {
    const world = await startToolWorld();
    const mcp = await startFakeMcpHttp({ header: "Authorization", value: "Bearer right" });
    onTestFinished(() => mcp.close());
    await world.setTools({
      servers: [
        {
          name: "web",
          transport: "http",
          url: mcp.url,
          headerName: "Authorization",
          headerValue: "Bearer wrong",
        },
      ],
    });
    world.fake.enqueue(answer("No tools today."));
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude anything?",
    );
    const channel = question.thread;

    const [reply] = await finishedReplies(channel, question.threadId);
    expect(reply?.body).toBe("No tools today.");
    expect(stepsOf(channel.doc, reply)).toMatchObject([{ tool: "web (connect)", status: "error" }]);
    expect(world.fake.requests[0]?.system).toContain("These tool servers could not be reached");
  });
});
