// "Copy link" on a message puts its URL on the clipboard; opening the URL (here in another
// person's browser) shows the thread scrolled to the message, highlighted.
import { describe, expect, it } from "vitest";
import { message, send, signIn, startScenario, startThread } from "./support/browser.ts";

describe("links to messages", () => {
  it("copies a link that opens the thread at the message", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    await admin.context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: scenario.url,
    });
    const threadUrl = await startThread(admin.page, "town-square", "Links", "The linked one");
    for (const text of ["Second", "Third"]) await send(admin.page, "Reply", text);
    await message(admin.page, "Third").waitFor();

    const linked = admin.page.locator("li[data-message-id]", { hasText: "The linked one" });
    await linked.getByRole("button", { name: "Copy link" }).click();
    await linked.getByRole("button", { name: "Link copied" }).waitFor();
    const link = await admin.page.evaluate(() => navigator.clipboard.readText());
    const messageId = await linked.getAttribute("data-message-id");
    expect(link).toBe(`${threadUrl}?m=${messageId}`);

    const member = await signIn(scenario, "member@example.com");
    await member.page.goto(link);
    await member.page.getByRole("heading", { name: "Links" }).waitFor();
    await member.page.locator(`[data-message-id="${messageId}"].jump-target`).waitFor();
  });
});
