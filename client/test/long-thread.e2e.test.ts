// A thread of 10,000 messages, written by a real peer: it opens at the newest message with
// only the rows on screen in the DOM, scrolls (wheel, then Home) up to the first message, and
// a copied link to an old message opens the thread scrolled to that message, highlighted.
// Main-thread long tasks while scrolling are logged, not asserted.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signIn, startScenario } from "./support/browser.ts";
import { longThreadBody, seedLongThread } from "./support/long-thread.ts";

const MESSAGES = 10_000;
/** Far more than a screen holds, far fewer than the thread: the list is virtualised. */
const MAX_ROWS_IN_DOM = 200;
/** Opening 10,000 messages on a busy two-core machine: a deadline, not a measurement. */
const OPEN_TIMEOUT_MS = 30_000;
const WHEEL_STEPS = 40;
const WHEEL_PX = 600;

declare global {
  interface Window {
    longTasks?: number[];
  }
}

/** Records the durations of main-thread long tasks, from the page's first script on. */
async function recordLongTasks(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.longTasks = [];
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.longTasks?.push(entry.duration);
    }).observe({ type: "longtask" });
  });
}

/** Runs `scroll` and logs the long tasks recorded meanwhile (opening work may still run). */
async function logLongTasks(page: Page, what: string, scroll: () => Promise<void>) {
  const before = await page.evaluate(() => window.longTasks?.length ?? 0);
  await scroll();
  const tasks = await page.evaluate((from) => window.longTasks?.slice(from) ?? [], before);
  const longest = tasks.length === 0 ? "" : `, longest ${Math.round(Math.max(...tasks))} ms`;
  console.log(`long tasks while ${what}: ${tasks.length}${longest}`);
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

function messageList(page: Page) {
  return page.getByRole("list", { name: "Messages" });
}

function renderedRows(page: Page): Promise<number> {
  return messageList(page).locator("li[data-message-id]").count();
}

/** Turns the mouse wheel over the list, each step waiting until the list has moved up. */
async function wheelUp(page: Page, steps: number): Promise<void> {
  const box = await messageList(page).locator("..").boundingBox();
  if (box === null) throw new Error("the message list is not on screen");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const scrollTop = () => page.$eval(".message-scroller", (el) => el.scrollTop);
  for (let step = 0; step < steps; step++) {
    const before = await scrollTop();
    await page.mouse.wheel(0, -WHEEL_PX);
    await page.waitForFunction(
      (top) => (document.querySelector(".message-scroller")?.scrollTop ?? top) < top,
      before,
    );
  }
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
    const first = messageIds[0] ?? "";
    const tenth = messageIds[9] ?? "";
    const threadUrl = `${scenario.url}/c/${scenario.workspace.channelId}/t/${threadId}`;

    const admin = await signIn(scenario, "admin@example.com");
    await admin.context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: scenario.url,
    });
    await recordLongTasks(admin.page);
    await admin.page.goto(threadUrl);
    await admin.page
      .getByText(longThreadBody(MESSAGES, MESSAGES))
      .waitFor({ timeout: OPEN_TIMEOUT_MS });
    await waitUntilInView(admin.page, messageIds.at(-1) ?? "");
    expect(await renderedRows(admin.page)).toBeLessThan(MAX_ROWS_IN_DOM);

    await logLongTasks(admin.page, `turning the wheel ${WHEEL_STEPS} times`, () =>
      wheelUp(admin.page, WHEEL_STEPS),
    );
    expect(await renderedRows(admin.page)).toBeLessThan(MAX_ROWS_IN_DOM);
    await logLongTasks(admin.page, "going to the top with Home", async () => {
      await messageList(admin.page).locator("..").focus();
      await admin.page.keyboard.press("Home");
      await waitUntilInView(admin.page, first);
    });
    await admin.page.getByText(longThreadBody(1, MESSAGES)).waitFor();
    expect(await renderedRows(admin.page)).toBeLessThan(MAX_ROWS_IN_DOM);

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
