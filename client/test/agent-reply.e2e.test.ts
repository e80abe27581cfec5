// An agent's reply in the browser: it grows while it streams (and counts as
// typing), Stop ends it as "stopped" with the text written so far.
import { describe, expect, it } from "vitest";
import { startAgentBridge } from "./support/agent-bridge.ts";
import { send, signIn, startScenario, startThread } from "./support/browser.ts";
import { saveScreenshot } from "./support/screenshots.ts";

const TOKENS = Array.from({ length: 200 }, (_, n) => ` word${n}`);

describe("an agent's reply", () => {
  it("streams with a writing state, and Stop leaves it stopped with partial text", async () => {
    const scenario = await startScenario();
    await startAgentBridge(scenario.workspace, {
      kind: "reply",
      tokens: TOKENS,
      tokenDelayMs: 40,
      model: "claude-fake-1",
    });
    const member = await signIn(scenario, "member@example.com");
    await startThread(member.page, "town-square", "Question", "Hello team");
    await send(member.page, "Reply", "@claude what do you think?");

    const reply = member.page.locator("article.message.kind-agent").last();
    await reply.getByText("writing…").waitFor();
    await member.page.getByText("Claude is typing…").waitFor();
    await reply.getByText("word5", { exact: false }).waitFor();
    const early = (await reply.locator(".markdown").textContent()) ?? "";
    // Tokens can arrive several at once on a loaded machine: wait for one that came after `early`.
    const lastEarly = Math.max(...[...early.matchAll(/word(\d+)/g)].map((m) => Number(m[1])));
    await reply.getByText(`word${Math.max(lastEarly + 1, 10)}`, { exact: false }).waitFor();
    const later = (await reply.locator(".markdown").textContent()) ?? "";
    expect(later.length).toBeGreaterThan(early.length);
    await member.page.setViewportSize({ width: 1100, height: 700 });
    await saveScreenshot(member.page, "agent-reply-writing");

    await reply.getByRole("button", { name: "Stop" }).click();
    await reply.getByText("stopped", { exact: true }).waitFor();
    // The model the agent is configured with (the default), shown from the start.
    expect(await reply.locator(".model").textContent()).toBe("claude-sonnet-5-5");
    const final = (await reply.locator(".markdown").textContent()) ?? "";
    expect(final).toContain("word10");
    expect(final).not.toContain("word199");
    expect(await member.page.getByText("Claude is typing…").count()).toBe(0);
  });

  it("shows a failure's reason and retries it, shown as retried to everyone; a finished reply shows its token usage", async () => {
    const scenario = await startScenario();
    const fake = await startAgentBridge(scenario.workspace, {
      kind: "reply",
      tokens: ["All", " good", " now."],
    });
    fake.enqueue({ kind: "error", status: 500 });
    const member = await signIn(scenario, "member@example.com");
    const admin = await signIn(scenario, "admin@example.com");
    const threadUrl = await startThread(member.page, "town-square", "Flaky", "Hello team");
    await admin.page.goto(threadUrl);
    await send(member.page, "Reply", "@claude are you there?");

    const failedOn = (page: typeof member.page) =>
      page.locator("article.message.kind-agent", { has: page.locator(".failed") }).first();
    const failed = failedOn(member.page);
    await failed.waitFor();
    await failedOn(admin.page).getByRole("button", { name: "Retry" }).waitFor();
    await failed.getByRole("button", { name: "Retry" }).click();
    const answer = member.page.locator("article.message.kind-agent", { hasText: "All good now." });
    await answer.getByText(/\d+ in · 3 out tokens/).waitFor();
    await saveScreenshot(member.page, "agent-reply-retried");
    // Retried: every viewer sees a link to the new reply instead of Retry, after a reload too.
    for (const page of [member.page, admin.page]) {
      await failedOn(page).getByRole("link", { name: "retried" }).waitFor();
      expect(await failedOn(page).getByRole("button", { name: "Retry" }).count()).toBe(0);
    }
    await admin.page.reload();
    await failedOn(admin.page).getByRole("link", { name: "retried" }).waitFor();
    expect(await failedOn(admin.page).getByRole("button", { name: "Retry" }).count()).toBe(0);
  });
});
