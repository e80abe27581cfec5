// Asking the workspace's agent to summarise: "Resolve with a summary" on a fork posts the
// agent's summary into the thread and resolves the fork with it; "Summarise thread" posts a
// summary reply in the thread.
import { describe, it } from "vitest";
import { startAgentBridge } from "./support/agent-bridge.ts";
import { message, send, signIn, startScenario, startThread } from "./support/browser.ts";

describe("summaries by the agent", () => {
  it("resolves a fork with the agent's summary, and summarises a thread", async () => {
    const scenario = await startScenario();
    await startAgentBridge(scenario.workspace, {
      kind: "reply",
      tokens: ["We", " agreed", " on", " Friday."],
    });
    const member = await signIn(scenario, "member@example.com");
    await startThread(member.page, "town-square", "Planning", "When do we ship?");
    await message(member.page, "When do we ship?")
      .getByRole("button", { name: "Fork from here" })
      .click();
    await send(member.page, "Message in this fork", "Friday works for me");

    await member.page.getByRole("button", { name: "Resolve with a summary" }).click();
    const panel = member.page.getByRole("complementary");
    await panel.getByText("resolved", { exact: true }).waitFor();
    await member.page
      .locator("article.message.kind-agent", { hasText: "We agreed on Friday." })
      .first()
      .waitFor();

    await member.page.getByRole("button", { name: "Summarise thread" }).click();
    await member.page.locator("article.message.kind-agent").nth(1).waitFor();
  });
});
