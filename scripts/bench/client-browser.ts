// The browser half of the client benchmark: the built app in Chromium (playwright-core), a
// fresh profile per channel. Times are read inside the page: performance.now() when the newest
// message is first on screen, which counts from the start of that navigation
// (client-on-screen.ts).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, type CDPSession, chromium, type Page } from "playwright-core";
import { CHROMIUM_ARGS } from "../../client/test/support/chromium.ts";
import { newestOnScreen, watchNewestOnScreen } from "./client-on-screen.ts";
import { type TraceRequest, traceAround } from "./client-trace.ts";

/** Deadline for the newest message to appear (100k-message channels are slow to open). */
const OPEN_TIMEOUT_MS = 600_000;

// The page globals used in page.evaluate, restated: the scripts' tsconfig has no DOM types.
// (Callbacks run in the page, so each casts globalThis itself: they cannot call helpers here.)
interface PageGlobals {
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
  /**
   * The page's own performance marks (performance.mark) in each warm reload, by name: ms from
   * the navigation's start. The shipped client marks its start (client/src/boot-marks.ts); a build
   * instrumented for profiling may add more.
   */
  warmMarks: Record<string, number[]>;
  warmHeapBytes: number;
  /** The same after the warm reloads. */
  indexedDbAfterReloadsBytes: number;
  /** Null when the page was not controlled by the service worker (no offline reload possible). */
  warmOfflineMs: number | null;
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

/** The page's performance marks so far (names and ms from the navigation's start). */
function pageMarks(page: Page): Promise<{ name: string; startTime: number }[]> {
  return page.evaluate(() =>
    performance.getEntriesByType("mark").map(({ name, startTime }) => ({ name, startTime })),
  );
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
  trace: TraceRequest | null = null,
): Promise<BrowserResult> {
  const profileDir = mkdtempSync(join(tmpdir(), "openvibe-bench-client-profile-"));
  const context = await openContext(profileDir, target);
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);
    const threadUrl = `${target.baseUrl}/c/${target.channelId}/t/${target.threadId}`;
    await watchNewestOnScreen(context, target.newestBody, OPEN_TIMEOUT_MS);

    log("  browser: cold open (empty profile)…");
    await page.goto(threadUrl, { waitUntil: "commit" });
    const coldMs = await newestOnScreen(page);
    await untilAllSynced(page);
    const coldHeapBytes = await heapBytes(cdp);
    await page.evaluate(() => (globalThis as unknown as PageGlobals).navigator.serviceWorker.ready);
    const indexedDbAfterColdBytes = await indexedDbBytes(page);

    const warmMs: number[] = [];
    const warmMarks: Record<string, number[]> = {};
    for (let i = 1; i <= reloads; i++) {
      await page.reload({ waitUntil: "commit" });
      warmMs.push(await newestOnScreen(page));
      for (const { name, startTime } of await pageMarks(page)) {
        warmMarks[name] = [...(warmMarks[name] ?? []), startTime];
      }
      if (i % 5 === 0 || i === reloads) log(`  browser: ${i}/${reloads} warm reloads`);
    }
    if (trace !== null) {
      // One more warm reload, not counted: tracing slows the page down.
      await untilAllSynced(page);
      log(`  browser: tracing one more warm reload into ${trace.path}…`);
      const settled = () => page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
      const traced = await traceAround(cdp, trace, settled, async () => {
        await page.reload({ waitUntil: "commit" });
        return { newestOnScreenMs: await newestOnScreen(page) };
      });
      log(
        `  browser: traced reload, newest on screen at ${Math.round(traced.newestOnScreenMs)} ms`,
      );
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
      warmOfflineMs = await newestOnScreen(page);
      await context.setOffline(false);
    }
    return {
      coldMs,
      coldHeapBytes,
      indexedDbAfterColdBytes,
      warmMs,
      warmMarks,
      warmHeapBytes,
      indexedDbAfterReloadsBytes,
      warmOfflineMs,
    };
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}
