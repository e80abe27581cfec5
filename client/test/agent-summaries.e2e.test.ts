// Asking the workspace's agent to summarise: "Resolve with a summary" on a fork posts the
// agent's summary into the thread and resolves the fork with it; "Summarise thread" posts a
// summary reply in the thread.
import type { Locator } from "playwright-core";
import { describe, expect, it } from "vitest";
import { startAgentBridge } from "./support/agent-bridge.ts";
import {
  message,
  send,
  signIn,
  startScenario,
  startThread,
  UI_TIMEOUT_MS,
} from "./support/browser.ts";

describe("summaries by the agent", () => {
  it("resolves a fork with the agent's summary, and summarises a thread", async () => {
    const scenario = await startScenario();
    await startAgentBridge(scenario.workspace, {
      kind: "reply",
      // Taller than the fork's composer and actions it replaces.
      tokens: [
        "We",
        " agreed",
        " on",
        " Friday.",
        "\n\n",
        ...[1, 2, 3, 4, 5, 6, 7].map((n) => `- point ${n}\n`),
      ],
    });
    const member = await signIn(scenario, "member@example.com");
    await startThread(member.page, "town-square", "Planning", "When do we ship?");
    await message(member.page, "When do we ship?")
      .getByRole("button", { name: "Fork from here" })
      .click();
    // Enough messages that the fork's list scrolls.
    for (let i = 1; i <= 8; i++) await send(member.page, "Message in this fork", `Option ${i}`);
    await send(member.page, "Message in this fork", "Friday works for me");

    await member.page.getByRole("button", { name: "Resolve with a summary" }).click();
    const panel = member.page.getByRole("complementary");
    await panel.getByText("resolved", { exact: true }).waitFor();
    await panel.locator(".resolution").waitFor();
    const scroller = panel.locator(".message-scroller");
    expect(await scroller.evaluate((el) => el.scrollHeight > el.clientHeight)).toBe(true);
    // The fork's last message stays in view above the resolution, not under it.
    const last = panel.getByText("Friday works for me");
    const untilScrolled = { timeout: UI_TIMEOUT_MS };
    await expect
      .poll(() => bottomOf(last), untilScrolled)
      .toBeLessThanOrEqual(await topOf(panel.locator(".resolution")));
    await expect
      .poll(() => bottomOf(last), untilScrolled)
      .toBeLessThanOrEqual(await bottomOf(panel.locator(".message-scroller")));
    await member.page
      .locator("article.message.kind-agent", { hasText: "We agreed on Friday." })
      .first()
      .waitFor();

    await member.page.getByRole("button", { name: "Summarise thread" }).click();
    await member.page.locator("article.message.kind-agent").nth(1).waitFor();
  });
});

async function box(locator: Locator) {
  const found = await locator.boundingBox();
  if (found === null) throw new Error("not on screen");
  return found;
}

async function topOf(locator: Locator): Promise<number> {
  return (await box(locator)).y;
}

async function bottomOf(locator: Locator): Promise<number> {
  const { y, height } = await box(locator);
  return y + height;
}
