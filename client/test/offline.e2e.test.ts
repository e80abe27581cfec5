// Offline: the app reloads with no network (service worker + IndexedDB),
// takes writes, shows them as unsynced, and delivers them when back online.
import type { Page } from "playwright-core";
import { describe, it } from "vitest";
import { message, send, signIn, startScenario, startThread } from "./support/browser.ts";

async function untilControlledByServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

function indicator(page: Page) {
  return page.getByRole("status");
}

describe("offline use", () => {
  // Skipped: with the server in the test's own process, this test stalls right after the page
  // is controlled by the service worker (no step after "all synced" completes, not even a
  // CDP call). The same flow passes against a server in its own process. To investigate.
  it.skip("reloads offline, keeps the channel, and syncs what was written there", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    const threadUrl = await startThread(admin.page, "town-square", "Trip", "Packing list");
    await member.page.goto(threadUrl);
    await message(member.page, "Packing list").waitFor();
    await untilControlledByServiceWorker(member.page);
    await indicator(member.page).getByText("Online").waitFor();
    await indicator(member.page).getByText("all synced").waitFor();

    await member.context.setOffline(true);
    await indicator(member.page).getByText("Offline").waitFor();
    await member.page.reload();
    await member.page.getByRole("heading", { name: "Trip" }).waitFor();
    await message(member.page, "Packing list").waitFor();
    await indicator(member.page).getByText("Offline").waitFor();

    await send(member.page, "Reply", "Written on the train");
    await message(member.page, "Written on the train").waitFor();
    await indicator(member.page).getByText("1 unsynced").waitFor();

    await member.context.setOffline(false);
    await indicator(member.page).getByText("Online").waitFor();
    await indicator(member.page).getByText("all synced").waitFor();
    await message(admin.page, "Written on the train").waitFor();
  });
});
