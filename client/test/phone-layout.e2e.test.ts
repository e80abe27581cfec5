// The app on a 390×844 phone with touch: the channels in a drawer behind the menu button,
// a channel, a thread and a fork each a screen of their own with a back control, the
// composer above the on-screen keyboard, and at every step nothing wider than the screen
// and no control smaller than a finger.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "./support/axe.ts";
import { message, send, signIn, startScenario } from "./support/browser.ts";
import { horizontalOverflow, PHONE, smallTouchTargets, whollyOnScreen } from "./support/phone.ts";
import { saveScreenshot } from "./support/screenshots.ts";

/** The checks every phone screen passes. */
async function fitsThePhone(page: Page, screen: string): Promise<void> {
  await saveScreenshot(page, `phone-${screen}`);
  expect(await horizontalOverflow(page), `${screen}: sideways scrolling`).toEqual([]);
  expect(await smallTouchTargets(page), `${screen}: controls under 44 px`).toEqual([]);
}

describe("on a phone", () => {
  it("opens a channel from the drawer, a thread, posts, opens a fork and comes back", async () => {
    const scenario = await startScenario();
    const { page } = await signIn(scenario, "member@example.com", PHONE);
    const channels = page.getByRole("navigation", { name: "Channels" });
    const menu = page.getByRole("button", { name: "Menu" });
    await fitsThePhone(page, "home");

    // The drawer: closed at first, opened by the menu button, closed by Esc or by picking a
    // channel.
    expect(await channels.isVisible()).toBe(false);
    await menu.tap();
    await channels.waitFor();
    expect(await menu.getAttribute("aria-expanded")).toBe("true");
    await fitsThePhone(page, "drawer");
    await page.keyboard.press("Escape");
    await channels.waitFor({ state: "hidden" });
    await menu.tap();
    await channels.waitFor();
    await channels.getByRole("link", { name: /town-square/ }).tap();
    await page.getByRole("heading", { name: "# town-square" }).waitFor();
    await channels.waitFor({ state: "hidden" });
    expect(await menu.getAttribute("aria-expanded")).toBe("false");
    await fitsThePhone(page, "channel");

    // A thread of its own, with a way back to the threads.
    await page.getByLabel("Thread title").fill("Trip planning");
    await page.getByLabel("First message").fill("Who books the train?");
    await page.getByRole("button", { name: "Start thread" }).tap();
    await page.getByRole("heading", { name: "Trip planning" }).waitFor();
    await send(page, "Reply", "I will, tonight");
    await message(page, "I will, tonight").waitFor();
    await fitsThePhone(page, "thread");

    // The on-screen keyboard takes the lower part of the screen (the page is resized for it,
    // as index.html's interactive-widget asks): the composer and Send stay above it.
    await page.getByLabel("Reply", { exact: true }).tap();
    await page.setViewportSize({ width: 390, height: 500 });
    await page.waitForFunction(() => window.innerHeight === 500);
    expect(await whollyOnScreen(page, ".thread .composer")).toBe(true);
    await fitsThePhone(page, "thread-keyboard");
    await page.setViewportSize({ width: 390, height: 844 });

    // A fork covers the thread, full width, and "← Thread" leads back.
    await message(page, "I will, tonight").getByRole("button", { name: "Fork from here" }).tap();
    const fork = page.getByRole("complementary", { name: "Fork" });
    await fork.waitFor();
    await page.getByRole("heading", { name: "Trip planning" }).waitFor({ state: "hidden" });
    const forkWidth = await fork.evaluate((element) => element.getBoundingClientRect().width);
    expect(forkWidth).toBeGreaterThan(PHONE_CONTENT_MIN_PX);
    await send(page, "Message in this fork", "Seat reservations too?");
    await fork.getByText("Seat reservations too?").waitFor();
    await fitsThePhone(page, "fork");
    await fork.getByRole("button", { name: "← Thread" }).tap();
    await fork.waitFor({ state: "detached" });
    await page.getByRole("heading", { name: "Trip planning" }).waitFor();
    await fitsThePhone(page, "thread-after-fork");

    await page.getByRole("button", { name: "← Threads" }).tap();
    await page.getByRole("list", { name: "Threads" }).getByText("Trip planning").waitFor();
    await fitsThePhone(page, "channel-after-thread");
    expect(await seriousViolations(page)).toEqual([]);
  });
});

/** A full-width panel on a 390 px screen, less the page's side margins. */
const PHONE_CONTENT_MIN_PX = 350;
