// Offline search covers what this browser holds. A thread evicted from the local store (past the
// offline budget, least recently used first) leaves the browser's search index and its saved
// form: offline, search no longer offers a message the device cannot show, while the thread
// still held is found, open in the page or not.
import { describe, expect, it } from "vitest";
import {
  results,
  search,
  signIn,
  signInOn,
  startScenario,
  startThread,
} from "./support/browser.ts";
import { savedIndex } from "./support/saved-index.ts";
import { untilControlledByServiceWorker } from "./support/service-worker.ts";

/** Deadline for what the offline keeper and the index worker do in the background. */
const BACKGROUND = { timeout: 25_000 };

describe("offline search after eviction", () => {
  it("finds the thread still held and no longer the one evicted", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    await startThread(admin.page, "town-square", "Old trip", "Zebra sightings on the old trip");
    const newTrip = await startThread(
      admin.page,
      "town-square",
      "New trip",
      "Zebra sightings on the new trip",
    );

    // The member never opens either: both are fetched in the background, held and indexed. Not
    // before the page is set (a page that goes within a second of indexing loses what it did
    // not save): this browser fetches none until asked in Preferences, and none after a reload.
    const context = await scenario.browser.newContext();
    await context.addInitScript(() =>
      localStorage.setItem("openvibe.offlineThreadsPerChannel", "0"),
    );
    const member = {
      context,
      page: await signInOn(await context.newPage(), scenario, "member@example.com"),
    };
    await untilControlledByServiceWorker(member.page);
    await member.page.goto(`${scenario.url}/preferences`);
    await member.page.getByLabel("Recent threads to keep per channel").selectOption("50");
    await member.page.getByText("2 threads kept on this device").waitFor(BACKGROUND);
    await expect
      .poll(() => savedIndex(member.page).then((saved) => saved?.documents), BACKGROUND)
      .toBe(2);

    // Room for almost nothing: every thread not open goes, the one on screen stays.
    await member.page.evaluate(() => localStorage.setItem("openvibe.offlineThreadBudget", "1"));
    await member.page.goto(newTrip);
    await member.page.getByRole("heading", { name: "New trip" }).waitFor();
    await expect
      .poll(() => savedIndex(member.page).then((saved) => saved?.documents), BACKGROUND)
      .toBe(1);

    // Offline, with room again and no thread open: the held thread is found (read from its copy
    // on this device), the evicted one is not.
    await member.page.evaluate(() => localStorage.removeItem("openvibe.offlineThreadBudget"));
    await member.context.setOffline(true);
    await member.page.goto(`${scenario.url}/preferences`);
    await member.page.getByText("1 thread kept on this device").waitFor();
    await search(member.page, "zebra");
    await member.page.getByText(/Offline: searching/).waitFor();
    await expect
      .poll(() => results(member.page).allTextContents(), BACKGROUND)
      .toEqual([expect.stringContaining("on the new trip")]);

    // The evicted thread is not readable offline, as the results implied.
    await search(member.page, "");
    await member.page
      .getByRole("navigation", { name: "Channels" })
      .getByText("town-square")
      .click();
    await member.page.getByRole("list", { name: "Threads" }).getByText("Old trip").click();
    await member.page.getByText("Not available offline", { exact: false }).waitFor();
  }, 90_000);
});
