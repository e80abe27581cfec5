// The browser half of the client benchmark: the built app in Chromium (playwright-core), a
// fresh profile per channel. Times are read inside the page: performance.now() when the newest
// message is first on screen, which counts from the start of that navigation.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, type CDPSession, chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS } from "../../client/test/support/chromium.ts";

/** Deadline for the newest message to appear (100k-message channels are slow to open). */
const OPEN_TIMEOUT_MS = 600_000;

// The page globals used in page.evaluate, restated: the scripts' tsconfig has no DOM types.
// (Callbacks run in the page, so each casts globalThis itself: they cannot call helpers here.)
interface PageGlobals {
  document: {
    querySelectorAll(selector: string): Iterable<{
      textContent: string | null;
      getBoundingClientRect(): { height: number; top: number; bottom: number };
    }>;
  };
  innerHeight: number;
  navigator: {
    storage: { estimate(): Promise<{ usageDetails?: { indexedDB?: number } }> };
    serviceWorker: { ready: Promise<unknown>; controller: unknown };
  };
}

/** A server and the signed-in admin's session cookie. */
export interface SignedInTarget {
  baseUrl: string;
  sessionCookie: { name: string; value: string };
}

export interface BrowserTarget extends SignedInTarget {
  channelId: string;
  threadId: string;
  /** Text of the newest message, waited for on screen. */
  newestBody: string;
}

export interface BrowserResult {
  coldMs: number;
  coldHeapBytes: number;
  /** navigator.storage.estimate().usageDetails.indexedDB after the cold open. */
  indexedDbAfterColdBytes: number;
  warmMs: number[];
  warmHeapBytes: number;
  /** The same after the warm reloads. */
  indexedDbAfterReloadsBytes: number;
  /** Null when the page was not controlled by the service worker (no offline reload possible). */
  warmOfflineMs: number | null;
}

/** Waits until a message containing `body` is laid out inside the viewport; returns performance.now() then. */
async function newestOnScreen(page: Page, body: string): Promise<number> {
  const handle = await page.waitForFunction(
    (text) => {
      const { document, innerHeight } = globalThis as unknown as PageGlobals;
      for (const item of document.querySelectorAll("article.message")) {
        if (!item.textContent?.includes(text)) continue;
        const box = item.getBoundingClientRect();
        if (box.height > 0 && box.bottom > 0 && box.top < innerHeight) return performance.now();
      }
      return false;
    },
    body,
    { polling: "raf", timeout: OPEN_TIMEOUT_MS },
  );
  return (await handle.jsonValue()) as number;
}

async function untilAllSynced(page: Page): Promise<void> {
  await page
    .getByRole("status")
    .filter({ hasText: "synced" })
    .getByText("all synced")
    .waitFor({ timeout: OPEN_TIMEOUT_MS });
}

export async function heapBytes(cdp: CDPSession): Promise<number> {
  await cdp.send("HeapProfiler.collectGarbage");
  return (await cdp.send("Runtime.getHeapUsage")).usedSize;
}

/** What the origin's IndexedDB databases take, by Chromium's accounting (on-disk LevelDB files). */
export async function indexedDbBytes(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const estimate = await (globalThis as unknown as PageGlobals).navigator.storage.estimate();
    return estimate.usageDetails?.indexedDB ?? 0;
  });
}

export async function openContext(
  profileDir: string,
  target: SignedInTarget,
): Promise<BrowserContext> {
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
  await context.addCookies([{ ...target.sessionCookie, url: target.baseUrl }]);
  return context;
}

/**
 * Cold open (empty profile, channel from the server), then `reloads` warm reloads (channel from
 * IndexedDB), then one reload with the network cut when the service worker controls the page.
 */
export async function measureInBrowser(
  target: BrowserTarget,
  reloads: number,
  log: (line: string) => void,
): Promise<BrowserResult> {
  const profileDir = mkdtempSync(join(tmpdir(), "openvibe-bench-client-profile-"));
  const context = await openContext(profileDir, target);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    const threadUrl = `${target.baseUrl}/c/${target.channelId}/t/${target.threadId}`;

    log("  browser: cold open (empty profile)…");
    await page.goto(threadUrl, { waitUntil: "commit" });
    const coldMs = await newestOnScreen(page, target.newestBody);
    await untilAllSynced(page);
    const coldHeapBytes = await heapBytes(cdp);
    await page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.serviceWorker.ready);
    const indexedDbAfterColdBytes = await indexedDbBytes(page);

    const warmMs: number[] = [];
    for (let i = 1; i <= reloads; i++) {
      await page.reload({ waitUntil: "commit" });
      warmMs.push(await newestOnScreen(page, target.newestBody));
      if (i % 5 === 0 || i === reloads) log(`  browser: ${i}/${reloads} warm reloads`);
    }
    await untilAllSynced(page);
    const warmHeapBytes = await heapBytes(cdp);
    const indexedDbAfterReloadsBytes = await indexedDbBytes(page);

    const controlled = await page.evaluate(
      () => (globalThis as unknown as PageGlobals).navigator.serviceWorker.controller !== null,
    );
    let warmOfflineMs: number | null = null;
    if (controlled) {
      log("  browser: reload with the network cut…");
      await context.setOffline(true);
      await page.reload({ waitUntil: "commit" });
      warmOfflineMs = await newestOnScreen(page, target.newestBody);
      await context.setOffline(false);
    }
    return {
      coldMs,
      coldHeapBytes,
      indexedDbAfterColdBytes,
      warmMs,
      warmHeapBytes,
      indexedDbAfterReloadsBytes,
      warmOfflineMs,
    };
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}
