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

/** The saved index in this browser (Dexie database openvibe-search:<user>): its build time and size. */
function savedIndex(page: Page): Promise<{ builtAt: number; documents: number } | null> {
  return page.evaluate(async () => {
    const names = (await indexedDB.databases()).map((db) => db.name ?? "");
    const name = names.find((n) => n.startsWith("openvibe-search:"));
    if (name === undefined) return null;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const read = (store: string, key?: string) =>
      new Promise<unknown>((resolve, reject) => {
        const objects = db.transaction(store).objectStore(store);
        const request = key === undefined ? objects.getAll() : objects.get(key);
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(request.error);
      });
    const description = (await read("description", "index")) as { builtAt: number } | undefined;
    const segments = (await read("segments")) as { json: string }[];
    const documents = segments.map(
      ({ json }) => (JSON.parse(json) as { documentCount: number }).documentCount,
    );
    db.close();
    return description === undefined
      ? null
      : {
          builtAt: description.builtAt,
          documents: documents.reduce((sum, count) => sum + count, 0),
        };
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
    await startThread(admin.page, "town-square", "Trip", "Packing list for the mountains");
    await untilControlledByServiceWorker(member.page);
    await expect.poll(() => savedIndex(member.page).then((s) => s?.documents ?? 0), POLL).toBe(1);
    const before = await savedIndex(member.page);

    await member.context.setOffline(true);
    await member.page.reload();
    await search(member.page, "mount");
    await results(member.page).filter({ hasText: "Packing list" }).waitFor();
    await member.page.getByText(/Offline: searching the 1 channel in this browser/).waitFor();
    expect(await member.page.locator(".index-status").count()).toBe(0);
    expect((await savedIndex(member.page))?.builtAt).toBe(before?.builtAt);

    await results(member.page).filter({ hasText: "Packing list" }).click();
    await member.page.getByRole("heading", { name: "Trip" }).waitFor();
  });
});
