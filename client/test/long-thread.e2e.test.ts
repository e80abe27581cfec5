// A thread of 10,000 messages, written by a real peer: it opens at the newest message with
// only the rows on screen in the DOM, scrolls up to the first message, and a copied link to an
// old message opens the thread scrolled to that message, highlighted. Main-thread long tasks
// during the scroll are logged, not asserted.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signIn, startScenario } from "./support/browser.ts";
import { longThreadBody, seedLongThread } from "./support/long-thread.ts";

const MESSAGES = 10_000;
/** Far more than a screen holds, far fewer than the thread: the list is virtualised. */
const MAX_ROWS_IN_DOM = 200;
/** Opening 10,000 messages on a busy two-core machine: a deadline, not a measurement. */
const OPEN_TIMEOUT_MS = 30_000;

declare global {
  interface Window {
    longTasks?: { start: number; duration: number }[];
  }
}

/** Waits until the row of `messageId` is entirely inside the visible part of its list. */
async function waitUntilInView(page: Page, messageId: string): Promise<void> {
  await page.waitForFunction(
    (id) => {
      const row = document.querySelector(`[data-message-id="${CSS.escape(id)}"]`);
      const scroller = row?.closest(".message-scroller");
      if (row === null || row === undefined || scroller === null || scroller === undefined) {
        return false;
      }
      const inner = row.getBoundingClientRect();
      const outer = scroller.getBoundingClientRect();
      return inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
    },
    messageId,
    { timeout: OPEN_TIMEOUT_MS },
  );
}

function renderedRows(page: Page): Promise<number> {
  return page.getByRole("list", { name: "Messages" }).locator("li[data-message-id]").count();
}

/** Records main-thread long tasks from the page's first script on. */
async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        window.longTasks?.push({ start: entry.startTime, duration: entry.duration });
      }
    }).observe({ type: "longtask" });
  });
}

async function longTasksSince(page: Page, since: number): Promise<number[]> {
  return page.evaluate(
    (from) => (window.longTasks ?? []).filter((t) => t.start >= from).map((t) => t.duration),
    since,
  );
}

describe("a long thread", () => {
  it("opens at the newest message, scrolls to the first, and reaches linked old messages", async () => {
    const scenario = await startScenario();
    const { threadId, messageIds } = await seedLongThread(scenario.workspace, {
      title: "Ten thousand",
      messages: MESSAGES,
      batch: 1_000,
      ackTimeoutMs: OPEN_TIMEOUT_MS,
    });
    const newest = messageIds.at(-1) ?? "";
    const first = messageIds[0] ?? "";
    const tenth = messageIds[9] ?? "";
    const threadUrl = `${scenario.url}/c/${scenario.workspace.channelId}/t/${threadId}`;

    const admin = await signIn(scenario, "admin@example.com");
    await admin.context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: scenario.url,
    });
    await recordLongTasks(admin.page);
    await admin.page.goto(threadUrl);
    await admin.page.getByText(longThreadBody(MESSAGES, MESSAGES)).waitFor({
      timeout: OPEN_TIMEOUT_MS,
    });
    await waitUntilInView(admin.page, newest);
    expect(await renderedRows(admin.page)).toBeLessThan(MAX_ROWS_IN_DOM);

    const scrollStart = await admin.page.evaluate(() => performance.now());
    await admin.page.getByRole("list", { name: "Messages" }).locator("..").focus();
    await admin.page.keyboard.press("Home");
    await waitUntilInView(admin.page, first);
    expect(await renderedRows(admin.page)).toBeLessThan(MAX_ROWS_IN_DOM);
    const longTasks = await longTasksSince(admin.page, scrollStart);
    console.log(
      `long tasks while scrolling to the top: ${longTasks.length}` +
        (longTasks.length === 0 ? "" : `, longest ${Math.round(Math.max(...longTasks))} ms`),
    );

    const linked = admin.page.locator(`li[data-message-id="${tenth}"]`);
    await linked.getByRole("button", { name: "Copy link" }).click();
    await linked.getByRole("button", { name: "Link copied" }).waitFor();
    const link = await admin.page.evaluate(() => navigator.clipboard.readText());
    expect(link).toBe(`${threadUrl}?m=${tenth}`);

    const member = await signIn(scenario, "member@example.com");
    await member.page.goto(link);
    await member.page
      .locator(`li[data-message-id="${tenth}"].jump-target`)
      .getByText(longThreadBody(10, MESSAGES))
      .waitFor({ timeout: OPEN_TIMEOUT_MS });
    await waitUntilInView(member.page, tenth);
    expect(await renderedRows(member.page)).toBeLessThan(MAX_ROWS_IN_DOM);
  }, 180_000);
});
