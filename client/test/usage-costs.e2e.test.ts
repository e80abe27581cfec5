// An admin prices the model an agent's reply used, on the usage page: the row had no cost,
// the server's refusal of a bad currency shows at its field, and once the price is saved the
// row and the total show what the tokens cost; the chart is drawn.
import { describe, expect, it } from "vitest";
import { startAgentBridge } from "./support/agent-bridge.ts";
import { seriousViolations } from "./support/axe.ts";
import { send, signIn, startScenario, startThread } from "./support/browser.ts";
import { saveScreenshot } from "./support/screenshots.ts";

describe("costs on the usage page", () => {
  it("turn a reply's tokens into money once the admin sets the model's price", async () => {
    const scenario = await startScenario();
    // 2,000,000 input and 3 output tokens: at 3 and 15 USD per million, $6.000045.
    await startAgentBridge(scenario.workspace, {
      kind: "reply",
      tokens: ["Costs", " noted", "."],
      model: "claude-fake-1",
      inputTokens: 2_000_000,
    });
    const member = await signIn(scenario, "member@example.com");
    await startThread(member.page, "town-square", "Budget", "How much do we spend?");
    await send(member.page, "Reply", "@claude what does this cost?");
    const reply = member.page.locator("article.message.kind-agent").last();
    await reply.locator(".usage").waitFor();

    const { page } = await signIn(scenario, "admin@example.com");
    await page.goto(`${scenario.url}/admin/usage`);
    const usage = page.getByRole("table", { name: "Usage" });
    const row = usage.getByRole("row", { name: /claude-fake-1 \(anthropic\)/ });
    await row.getByText("no price").waitFor();
    await page.locator(".usage-chart svg.recharts-surface").first().waitFor();

    await row.getByRole("button", { name: "Set the price of claude-fake-1" }).click();
    const form = page.getByRole("form", { name: "Set a price" });
    expect(await form.getByLabel("Model").inputValue()).toBe("claude-fake-1");
    expect(await form.getByLabel("Provider").inputValue()).toBe("anthropic");
    await form.getByLabel("Input, per million tokens").fill("3");
    await form.getByLabel("Output, per million tokens").fill("15");
    const currency = form.getByLabel("Currency");
    await currency.fill("us1");
    await form.getByRole("button", { name: "Save price" }).click();
    await form.getByText(/three-letter ISO 4217 code/).waitFor();
    expect(await currency.getAttribute("aria-invalid")).toBe("true");

    await currency.fill("USD");
    await form.getByRole("button", { name: "Save price" }).click();
    await row.getByText("$6.000045").waitFor();
    expect(await page.getByTestId("usage-total-cost").textContent()).toBe("$6.000045");
    const prices = page.getByRole("table", { name: "Prices" });
    await prices
      .getByRole("row", { name: /claude-fake-1/ })
      .getByText("$15.00")
      .waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1200, height: 1000 });
    await page.getByRole("heading", { name: "Usage & costs" }).scrollIntoViewIfNeeded();
    await saveScreenshot(page, "usage-costs");
  });
});
