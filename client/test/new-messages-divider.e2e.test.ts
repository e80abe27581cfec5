// Opening a thread with unread messages shows a "New" divider above the first of them, with
// how many there are; it stays put while more arrive, and is gone once the thread was read.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { message, send, signIn, startScenario, startThread } from "./support/browser.ts";
import { rowInView, waitUntilInView } from "./support/in-view.ts";
import { seedLongThread } from "./support/long-thread.ts";
import { saveScreenshot } from "./support/screenshots.ts";

function divider(page: Page) {
  return page.locator(".new-divider");
}

/** The text of the message row that holds the divider. */
async function messageUnderDivider(page: Page): Promise<string> {
  const row = page.locator("li[data-message-id]", { has: page.locator(".new-divider") });
  return (await row.locator(".markdown").textContent()) ?? "";
}

async function openThread(page: Page, title: string): Promise<void> {
  await page.getByRole("navigation", { name: "Channels" }).getByText("town-square").click();
  await page.getByRole("list", { name: "Threads" }).getByText(title).click();
  await page.getByRole("heading", { name: title }).waitFor();
}

describe("the new-messages divider", () => {
  it("marks where the unread messages start when a thread is opened", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    const unread = (count: number) =>
      member.page
        .getByRole("navigation", { name: "Channels" })
        .getByRole("link", { name: new RegExp(`town-square.*${count} unread`) });

    await startThread(admin.page, "town-square", "Plans", "First idea");
    await unread(1).waitFor();
    await openThread(member.page, "Plans");
    await divider(member.page).getByText("New · 1 message").waitFor();
    expect(await messageUnderDivider(member.page)).toBe("First idea");
    // All of it fits on screen: the list stays at its end.
    expect(await member.page.getByRole("button", { name: /Jump to latest/ }).count()).toBe(0);

    // Away from the thread, two more arrive: the divider sits above the first of them.
    await member.page.getByRole("button", { name: "← Threads" }).click();
    await send(admin.page, "Reply", "Second idea");
    await send(admin.page, "Reply", "Third idea");
    await unread(2).waitFor();
    await member.page
      .getByRole("list", { name: "Threads" })
      .getByRole("link", { name: /Plans.*2 unread/ })
      .waitFor();
    await openThread(member.page, "Plans");
    await divider(member.page).getByText("New · 2 messages").waitFor();
    expect(await messageUnderDivider(member.page)).toBe("Second idea");
    await saveScreenshot(member.page, "new-messages-divider");

    // One arriving while the thread is open does not move it.
    await send(admin.page, "Reply", "Fourth idea");
    await message(member.page, "Fourth idea").waitFor();
    expect(await divider(member.page).count()).toBe(1);
    expect(await messageUnderDivider(member.page)).toBe("Second idea");

    // Read now: opened again, no divider.
    await member.page.getByRole("button", { name: "← Threads" }).click();
    await openThread(member.page, "Plans");
    await message(member.page, "Fourth idea").waitFor();
    expect(await divider(member.page).count()).toBe(0);
  });

  it("opens a thread at the divider when what is new does not fit on screen", async () => {
    const scenario = await startScenario();
    // Written after the member joined, before this browser first looked: all of it is new.
    const { threadId, messageIds } = await seedLongThread(scenario.workspace, {
      title: "Backlog",
      messages: 40,
      batch: 40,
      ackTimeoutMs: 20_000,
    });
    const member = await signIn(scenario, "member@example.com");
    // Counted from the channel's index while the thread is not held here: exact up to the
    // digest's 20 recent messages, "20+" beyond (exact again once the thread is held).
    await member.page
      .getByRole("navigation", { name: "Channels" })
      .getByRole("link", { name: /town-square.*(20\+|40) unread/ })
      .waitFor();
    await member.page.goto(`${scenario.url}/c/${scenario.workspace.channelId}/t/${threadId}`);
    await divider(member.page).getByText("New · 40 messages").waitFor();
    await waitUntilInView(member.page, messageIds[0] ?? "");
    expect(await member.page.evaluate(rowInView, messageIds.at(-1) ?? "")).toBe(false);
    await member.page.getByRole("button", { name: "Jump to latest" }).waitFor();
  });
});
