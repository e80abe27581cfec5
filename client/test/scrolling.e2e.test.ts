// Reading a busy thread scrolled up: "Jump to latest" appears with a count of what arrived
// below, brings the reader down, and sending a message while scrolled up brings them to it.
import { describe, expect, it } from "vitest";
import { message, send, signIn, startScenario } from "./support/browser.ts";
import { rowInView, waitUntilInView } from "./support/in-view.ts";
import { longThreadBody, seedLongThread } from "./support/long-thread.ts";

const MESSAGES = 60;

describe("scrolling a busy thread", () => {
  it("offers Jump to latest with what arrived below, and brings a sender to their message", async () => {
    const scenario = await startScenario();
    const { threadId, messageIds } = await seedLongThread(scenario.workspace, {
      title: "Busy",
      messages: MESSAGES,
      batch: MESSAGES,
      ackTimeoutMs: 20_000,
    });
    const threadUrl = `${scenario.url}/c/${scenario.workspace.channelId}/t/${threadId}`;
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    await admin.page.goto(threadUrl);
    await member.page.goto(threadUrl);
    const page = member.page;
    // All of it is new to the member: the thread opens at its first message; End goes down.
    await waitUntilInView(page, messageIds[0] ?? "");
    const jump = page.getByRole("button", { name: /Jump to latest/ });
    await jump.waitFor();
    await page.locator(".message-scroller").first().focus();
    await page.keyboard.press("End");
    await waitUntilInView(page, messageIds.at(-1) ?? "");
    await jump.waitFor({ state: "detached" });

    // Up to the first message: Jump to latest appears; two replies below are counted.
    await page.locator(".message-scroller").first().focus();
    await page.keyboard.press("Home");
    await waitUntilInView(page, messageIds[0] ?? "");
    await jump.waitFor();
    await send(admin.page, "Reply", "First news");
    await send(admin.page, "Reply", "Second news");
    await page.getByRole("button", { name: "2 new · Jump to latest" }).waitFor();
    await jump.click();
    await message(page, "Second news").waitFor();
    await page.waitForFunction(() => document.querySelector(".jump-to-latest") === null);
    expect(await page.getByText(longThreadBody(1, MESSAGES), { exact: true }).count()).toBe(0);

    // Scrolled up again, the member sends: they are brought down to their message.
    await page.locator(".message-scroller").first().focus();
    await page.keyboard.press("Home");
    await jump.waitFor();
    await send(page, "Reply", "My own answer");
    const mine = page.locator("li[data-message-id]", { hasText: "My own answer" });
    await mine.waitFor();
    const id = (await mine.getAttribute("data-message-id")) ?? "";
    await waitUntilInView(page, id);
    expect(await page.evaluate(rowInView, id)).toBe(true);
    await page.waitForFunction(() => document.querySelector(".jump-to-latest") === null);
  });
});
