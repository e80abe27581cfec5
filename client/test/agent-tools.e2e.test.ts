// An agent's tool call in the browser: the agent asks to use a tool set to
// "ask" (the real MCP server over stdio, the real bridge and SDK against the
// fake API); the person sees the call awaiting approval under the reply,
// approves it, and sees the step with its result and the answer.
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";
import { startAgentBridge } from "./support/agent-bridge.ts";
import { send, signIn, startScenario, startThread } from "./support/browser.ts";
import { expectStatus } from "./support/child-workspace.ts";
import { saveScreenshot } from "./support/screenshots.ts";

const FAKE_MCP_STDIO = fileURLToPath(
  new URL("../../agent-bridge/src/testing/fake-mcp-stdio.ts", import.meta.url),
);

describe("an agent's tool call", () => {
  it("waits for a person's approval, then shows the step and the answer", async () => {
    const scenario = await startScenario();
    const { admin, agentId } = scenario.workspace;
    const server = {
      name: "docs",
      transport: "stdio",
      command: process.execPath,
      args: [FAKE_MCP_STDIO],
      tools: { lookup: "ask" },
    };
    expectStatus(
      await admin.put(`/api/agents/${agentId}/tools`, { servers: [server] }),
      200,
      "setting the agent's tools",
    );
    const fake = await startAgentBridge(scenario.workspace, {
      kind: "reply",
      tokens: ["Leases", " last", " 20", " seconds."],
    });
    fake.enqueue({
      kind: "reply",
      tokens: ["Let me", " check the docs."],
      toolCalls: [{ id: "toolu_1", name: "docs__lookup", input: { q: "lease length" } }],
    });
    const member = await signIn(scenario, "member@example.com");
    await startThread(member.page, "town-square", "Leases", "How long is a lease?");
    await send(member.page, "Reply", "@claude how long is a lease?");

    const reply = member.page.locator("article.message.kind-agent").last();
    const step = reply.locator(".tool-step");
    await step.getByText("awaiting approval").waitFor();
    await step.getByRole("button", { name: "Approve" }).click();

    await reply.getByText("Leases last 20 seconds.").waitFor();
    await reply.locator(".tool-steps > summary", { hasText: "1 tool call" }).waitFor();
    await step.getByText("done").waitFor();
    await step.getByText("found: lease length (approved by").waitFor();
    await step.locator("summary").click();
    await step.locator(".tool-result", { hasText: "found: lease length" }).waitFor();
    await member.page.setViewportSize({ width: 1100, height: 700 });
    await saveScreenshot(member.page, "agent-reply-tool-steps");
  });
});
