// "What did it see?" on an agent's reply: the panel lists the messages its prompt held, as they
// read then; one edited since is marked so and shows its old text, with how it reads now a
// click away. Real server, real bridge, the fake Anthropic API.
import { describe, expect, it } from "vitest";
import { startAgentBridge } from "./support/agent-bridge.ts";
import { seriousViolations } from "./support/axe.ts";
import { message, send, signIn, startScenario, startThread } from "./support/browser.ts";
import { saveScreenshot } from "./support/screenshots.ts";

describe("what an agent saw", () => {
  it("opens from the reply and shows messages as they read then, marked when edited since", async () => {
    const scenario = await startScenario();
    await startAgentBridge(scenario.workspace, { kind: "reply", tokens: ["Friday", "."] });
    const { page } = await signIn(scenario, "member@example.com");
    await startThread(page, "town-square", "Release", "Ship on Monday");
    await send(page, "Reply", "@claude when do we ship?");
    const reply = page.locator("article.message.kind-agent").last();
    await reply.locator(".usage").waitFor();

    await message(page, "Ship on Monday").getByRole("button", { name: "Edit" }).click();
    await send(page, "Edit message", "Ship on Friday");
    await message(page, "Ship on Friday").getByText("(edited)").waitFor();

    await reply.getByRole("button", { name: "What did it see?" }).click();
    const panel = page.getByRole("dialog", { name: "What the agent saw" });
    const conversation = panel.getByRole("region", { name: "Conversation" });
    const edited = conversation.getByRole("listitem").filter({ hasText: "Ship on Monday" });
    await edited.waitFor();
    await edited.getByText("edited since").waitFor();
    const question = conversation.getByRole("listitem").filter({ hasText: "when do we ship?" });
    expect(await question.getByText("edited since").count()).toBe(0);
    await panel.getByText(/Asked claude-sonnet-5-5 \(anthropic\)/).waitFor();
    await edited.getByText("How it reads now").click();
    await edited.getByText("Ship on Friday").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, "what-it-saw");

    await panel.getByRole("button", { name: "Close" }).click();
    await panel.waitFor({ state: "hidden" });
  });
});
