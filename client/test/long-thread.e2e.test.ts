// A thread of 10,000 messages, written by a real peer: it opens at the newest message with
// only the rows on screen in the DOM, scrolls up with the wheel and then with Home to the first
// message, and copied links to old messages (one 200 back, one near the start) open the
// thread scrolled to the message, highlighted; so does a search result in the middle.
// Main-thread long tasks while scrolling are logged, not asserted.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { messageList, results, search, signIn, startScenario } from "./support/browser.ts";
import { rowInView, waitUntilInView as waitUntilInViewWithin } from "./support/in-view.ts";
import { longThreadBody, seedLongThread } from "./support/long-thread.ts";

const MESSAGES = 10_000;
/** Far more than a screen holds, far fewer than the thread: the list is virtualised. */
const MAX_ROWS_IN_DOM = 200;
/** Opening 10,000 messages on a busy two-core machine: a deadline, not a measurement. */
const OPEN_TIMEOUT_MS = 30_000;
/** Reached by the wheel: 200 messages up, far outside the rows rendered at the end. */
const WHEELED_TO = 9_800;
/** Reached from a search result while the list shows the top. */
const MIDDLE = 5_000;
/** Less than the list's height less a row, so no row passes unseen between two steps. */
const WHEEL_PX = 200;
const MAX_WHEEL_STEPS = 400;

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

function waitUntilInView(page: Page, messageId: string) {
  return waitUntilInViewWithin(page, messageId, OPEN_TIMEOUT_MS);
}

function renderedRows(page: Page): Promise<number> {
  return messageList(page).locator("li[data-message-id]").count();
}

/** Turns the mouse wheel over the list until `messageId` is in view, each step waiting until the list moved. */
async function wheelUpTo(page: Page, messageId: string): Promise<void> {
  const box = await messageList(page).locator("..").boundingBox();
  if (box === null) throw new Error("the message list is not on screen");
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  for (let step = 0; !(await page.evaluate(rowInView, messageId)); step++) {
    if (step === MAX_WHEEL_STEPS) throw new Error(`${messageId} not in view after ${step} steps`);
    const before = await page.$eval(".message-scroller", (el) => el.scrollTop);
    await page.mouse.wheel(0, -WHEEL_PX);
    await page.waitForFunction(
      (top) => (document.querySelector(".message-scroller")?.scrollTop ?? top) < top,
      before,
    );
  }
}

/** Copies the link of a message on screen, as a person would, and returns it. */
async function copyLink(page: Page, messageId: string): Promise<string> {
  const row = page.locator(`li[data-message-id="${messageId}"]`);
  await row.getByRole("button", { name: "Copy link" }).click();
  await row.getByRole("button", { name: "Link copied" }).waitFor();
  return page.evaluate(() => navigator.clipboard.readText());
}

/** Opens a message link and waits for the message: highlighted, in view, few rows rendered. */
async function openLink(page: Page, link: string, messageId: string, body: string) {
  await page.goto(link);
  await page
    .locator(`li[data-message-id="${messageId}"].jump-target`)
    .getByText(body)
    .waitFor({ timeout: OPEN_TIMEOUT_MS });
  await waitUntilInView(page, messageId);
  expect(await renderedRows(page)).toBeLessThan(MAX_ROWS_IN_DOM);
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
    const id = (n: number) => messageIds[n - 1] ?? "";
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
    await waitUntilInView(admin.page, id(MESSAGES));
    expect(await renderedRows(admin.page)).toBeLessThan(MAX_ROWS_IN_DOM);

    await logLongTasks(admin.page, `turning the wheel up to message ${WHEELED_TO}`, () =>
      wheelUpTo(admin.page, id(WHEELED_TO)),
    );
    expect(await renderedRows(admin.page)).toBeLessThan(MAX_ROWS_IN_DOM);
    const wheeledLink = await copyLink(admin.page, id(WHEELED_TO));
    expect(wheeledLink).toBe(`${threadUrl}?m=${id(WHEELED_TO)}`);

    await logLongTasks(admin.page, "going to the top with Home", async () => {
      await messageList(admin.page).locator("..").focus();
      await admin.page.keyboard.press("Home");
      await waitUntilInView(admin.page, id(1));
    });
    await admin.page.getByText(longThreadBody(1, MESSAGES)).waitFor();
    expect(await renderedRows(admin.page)).toBeLessThan(MAX_ROWS_IN_DOM);
    const tenthLink = await copyLink(admin.page, id(10));

    const member = await signIn(scenario, "member@example.com");
    await openLink(member.page, wheeledLink, id(WHEELED_TO), longThreadBody(WHEELED_TO, MESSAGES));
    await openLink(member.page, tenthLink, id(10), longThreadBody(10, MESSAGES));

    // A search result far from the rows on screen (the admin is at the top) is reached too.
    const middle = longThreadBody(MIDDLE, MESSAGES);
    await search(admin.page, `"${middle}"`);
    await results(admin.page).filter({ hasText: middle }).first().click();
    await admin.page
      .locator(`li[data-message-id="${id(MIDDLE)}"].jump-target`)
      .getByText(middle)
      .waitFor({ timeout: OPEN_TIMEOUT_MS });
    await waitUntilInView(admin.page, id(MIDDLE));
  }, 180_000);
});
