// Tools through an OpenAI-compatible endpoint, end to end: the real bridge
// and `openai` SDK against the fake Chat Completions server emitting streamed
// tool_calls, and the real MCP server over stdio. A call shows as a step and
// its result goes back as a `tool` message; an endpoint that refuses tools
// gets the request again without them, and the step list says so.
import type { AgentConfig } from "@openvibe/schema";
import { describe, expect, it, onTestFinished } from "vitest";
import { startFakeOpenAI } from "../src/testing/fake-openai-server.ts";
import { finishedReplies } from "./support/humans.ts";
import { startSplitThread } from "./support/split-channel.ts";
import { STDIO_SERVER, startToolWorld, stepsOf } from "./support/tool-world.ts";

async function openAiToolWorld() {
  const world = await startToolWorld();
  const endpoint = await startFakeOpenAI({ kind: "reply", tokens: ["It", " is", " found."] });
  onTestFinished(() => endpoint.close());
  const configured = await world.workspace.admin.client.patch<AgentConfig>(
    `/api/agents/${world.workspace.agent.user.id}/config`,
    { provider: "openai-compatible", baseUrl: endpoint.url, model: "llama-test" },
  );
  expect(configured.status).toBe(200);
  await world.setTools({ servers: [STDIO_SERVER] });
  return { world, endpoint };
}

describe("tools through an OpenAI-compatible endpoint", () => {
  it("shows a streamed tool call as a step and sends its result back", async () => {
    const { world, endpoint } = await openAiToolWorld();
    endpoint.enqueue({
      kind: "reply",
      tokens: ["Looking."],
      toolCalls: [{ id: "call_1", name: "fake__lookup", input: { q: "local" } }],
    });
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude find it",
    );
    const channel = question.thread;

    const [reply] = await finishedReplies(channel, question.threadId);
    expect(reply?.body).toBe("Looking.\n\nIt is found.");
    expect(stepsOf(channel.doc, reply)).toMatchObject([
      { tool: "fake__lookup", status: "ok", result: "found: local" },
    ]);
    const [first, second] = endpoint.requests;
    const offered = ((first?.body.tools ?? []) as { function: { name: string } }[]).map(
      (t) => t.function.name,
    );
    expect(offered).toContain("fake__lookup");
    expect(second?.body.messages).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          role: "assistant",
          tool_calls: [
            {
              id: "call_1",
              type: "function",
              function: { name: "fake__lookup", arguments: '{"q":"local"}' },
            },
          ],
        }),
        { role: "tool", tool_call_id: "call_1", content: "found: local" },
      ]),
    );
  });

  it("answers without tools when the endpoint refuses them, saying so in the steps", async () => {
    const { world, endpoint } = await openAiToolWorld();
    endpoint.enqueue({ kind: "error", status: 400 });
    const question = await startSplitThread(
      world.member,
      world.workspace.general.id,
      "@claude anything?",
    );
    const channel = question.thread;

    const [reply] = await finishedReplies(channel, question.threadId);
    expect(reply?.task?.status).toBe("completed");
    expect(reply?.body).toBe("It is found.");
    expect(stepsOf(channel.doc, reply)).toMatchObject([
      {
        tool: "tools",
        status: "error",
        summary: "The model took no tools: answering without them",
      },
    ]);
    expect(endpoint.requests).toHaveLength(2);
    expect(endpoint.requests[1]?.body.tools).toBeUndefined();
  });
});
