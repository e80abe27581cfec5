// Search in the browser: answers as you type from the channels held locally, jumps to the
// message, follows edits and deletes, works offline (and says so), and a reload reuses the
// saved index instead of rebuilding it.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "./support/axe.ts";
import {
  message,
  results,
  search,
  send,
  signIn,
  startScenario,
  startThread,
} from "./support/browser.ts";
import { savedIndex } from "./support/saved-index.ts";
import { saveScreenshot } from "./support/screenshots.ts";
import { untilControlledByServiceWorker } from "./support/service-worker.ts";

const POLL = { timeout: 10_000 };

/** Waits until the server's index (written in batches) agrees with the document: hits for `q`. */
async function untilServerHits(page: Page, q: string, expected: number): Promise<void> {
  await expect
    .poll(
      () =>
        page.evaluate(async (query) => {
          const response = await fetch(`/api/search?q=${encodeURIComponent(query)}`);
          return ((await response.json()) as { hits: unknown[] }).hits.length;
        }, q),
      POLL,
    )
    .toBe(expected);
}

interface Shown {
  readonly typed: string;
  readonly busy: boolean;
  readonly texts: string[];
}

/** Records what the search view shows at each change of it: the box's text, busy, results. */
function recordShown(page: Page): Promise<void> {
  return page.evaluate(() => {
    const box = document.querySelector<HTMLInputElement>('input[type="search"]');
    const view = document.querySelector(".search-view");
    const shown: Shown[] = [];
    (window as unknown as { shown: Shown[] }).shown = shown;
    new MutationObserver(() => {
      const results = view?.querySelector(".search-results");
      shown.push({
        typed: box?.value ?? "",
        busy: results?.getAttribute("aria-busy") === "true",
        texts: [...(view?.querySelectorAll(".search-result .snippet") ?? [])].map(
          (snippet) => snippet.textContent ?? "",
        ),
      });
    }).observe(view ?? document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
  });
}

describe("search in the browser", () => {
  it("finds by prefix as you type, jumps to the message, and follows edits and deletes", async () => {
    const scenario = await startScenario();
    const { page } = await signIn(scenario, "admin@example.com");
    await startThread(page, "town-square", "Budget", "Quarterly forecast for marketing");
    await send(page, "Reply", "Sightings of zebras near the office");
    await message(page, "Sightings of zebras").waitFor();

    await search(page, "forec");
    await results(page).filter({ hasText: "Quarterly forecast" }).first().waitFor();
    expect(await page.locator(".search-view mark").first().textContent()).toBe("forecast");
    expect(await seriousViolations(page)).toEqual([]);
    await saveScreenshot(page, "search");

    await results(page).filter({ hasText: "Quarterly forecast" }).first().click();
    await page.getByRole("heading", { name: "Budget" }).waitFor();
    await page.locator(".jump-target", { hasText: "Quarterly forecast" }).waitFor();

    await message(page, "Sightings of zebras").getByRole("button", { name: "Edit" }).click();
    await send(page, "Edit message", "Sightings of giraffes near the office");
    await message(page, "Sightings of giraffes").waitFor();
    await untilServerHits(page, "zebras", 0);
    await search(page, "giraf");
    await results(page).filter({ hasText: "Sightings of giraffes" }).first().waitFor();
    await search(page, "zebras ");
    await page.getByText("No messages found.").waitFor();

    await search(page, "giraffes");
    await results(page).filter({ hasText: "giraffes" }).first().click();
    // Delete asks first: Cancel keeps the message, "Yes, delete" deletes it.
    const giraffes = message(page, "Sightings of giraffes");
    await giraffes.getByRole("button", { name: "Delete" }).click();
    await giraffes.getByRole("button", { name: "Cancel" }).click();
    await giraffes.getByRole("button", { name: "Delete" }).click();
    await giraffes.getByRole("button", { name: "Yes, delete" }).click();
    await message(page, "Quarterly forecast").waitFor();
    await untilServerHits(page, "giraffes", 0);
    await search(page, "giraffes ");
    await page.getByText("No messages found.").waitFor();
  });

  it("searches offline, says so, and reuses the saved index after a reload", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    const threadUrl = await startThread(
      admin.page,
      "town-square",
      "Trip",
      "Packing list for the mountains",
    );
    // The browser indexes the thread documents it holds: the member reads the thread once.
    await member.page.goto(threadUrl);
    await member.page.getByRole("heading", { name: "Trip" }).waitFor();
    await untilControlledByServiceWorker(member.page);
    await expect.poll(() => savedIndex(member.page).then((s) => s?.documents ?? 0), POLL).toBe(1);
    const before = await savedIndex(member.page);

    await member.context.setOffline(true);
    await member.page.reload();
    await search(member.page, "mount");
    await results(member.page).filter({ hasText: "Packing list" }).waitFor();
    // #town-square and #general (newcomers' default channel), both indexed and held offline.
    await member.page.getByText(/Offline: searching the 2 channels in this browser/).waitFor();
    expect(await member.page.locator(".index-status").count()).toBe(0);
    expect((await savedIndex(member.page))?.builtAt).toBe(before?.builtAt);

    await results(member.page).filter({ hasText: "Packing list" }).click();
    await member.page.getByRole("heading", { name: "Trip" }).waitFor();
  });

  it("shows only the last query's results when typing faster than the index answers", async () => {
    const scenario = await startScenario();
    const { page } = await signIn(scenario, "admin@example.com");
    await startThread(page, "town-square", "Sky", "Plan for the week");
    await send(page, "Reply", "Planet names for the servers");
    await send(page, "Reply", "Planetarium visit on Friday");
    await search(page, "plan");
    await expect.poll(() => results(page).count(), POLL).toBe(3);
    await search(page, "");
    await recordShown(page);
    // The page and its worker at a quarter of the speed: keystrokes outrun the answers.
    const cdp = await page.context().newCDPSession(page);
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.getByRole("searchbox", { name: "Search messages" }).pressSequentially("planetarium");
    const latest = () =>
      page.evaluate(() => (window as unknown as { shown: Shown[] }).shown.at(-1) ?? null);
    await expect
      .poll(latest, POLL)
      .toEqual({ typed: "planetarium", busy: false, texts: ["Planetarium visit on Friday"] });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });

    const shown = await page.evaluate(() => (window as unknown as { shown: Shown[] }).shown);
    const answered = shown.filter((s) => !s.busy && s.typed !== "");
    // Whatever is shown as answered answers the text in the box; earlier answers were dropped.
    for (const { typed, texts } of answered) {
      for (const text of texts) expect(text.toLowerCase()).toContain(typed);
    }
    const final = answered.findIndex((s) => s.typed === "planetarium");
    expect(final).not.toBe(-1);
    for (const { texts } of answered.slice(final)) {
      expect(texts).toEqual(["Planetarium visit on Friday"]);
    }
  });
});
