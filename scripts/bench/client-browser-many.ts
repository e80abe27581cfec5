// The browser half of the client benchmark with many joined channels: the built app in
// Chromium, a fresh profile, signed in by cookie, navigating to the app's root. The root lands in
// the workspace's default channel (the first seeded one): the time is from the start of the
// navigation until that channel's newest thread is listed inside the viewport. Then the sign-in
// work is waited for: every joined channel document synced and the offline keeper's background
// fetches done, which is when it holds the channels' most recent threads (their count is known).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { DEFAULT_THREADS_PER_CHANNEL } from "../../client/src/offline/offline-settings.ts";
import { heapBytes, indexedDbBytes, openContext, type SignedInTarget } from "./client-browser.ts";
import { traceAround } from "./client-trace.ts";

/** Deadline for the first channel's thread list. */
const OPEN_TIMEOUT_MS = 120_000;
/** With a profile directory: how long the trace runs on after the first channel is listed. */
const TRACE_AFTER_MS = 3_000;
/** How often the held threads are counted while the keeper works. */
const POLL_MS = 500;

export interface ManyChannelsTarget extends SignedInTarget {
  /** The channel the root lands in, and its newest thread (listed first). */
  firstChannelId: string;
  firstNewestThreadId: string;
  /** Threads the offline keeper fetches in all: each channel's most recent, up to its limit. */
  threadsToKeep: number;
}

export interface KeeperProgress {
  /** Thread documents held (stored with bytes) when the wait ended. */
  held: number;
  expected: number;
  /** From the navigation until `held` reached `expected`; null: not within the deadline. */
  finishedMs: number | null;
}

export interface ManyChannelsResult {
  coldMs: number;
  /** JS heap after garbage collection once the keeper finished (or its deadline passed). */
  coldHeapBytes: number;
  keeper: KeeperProgress;
  indexedDbBytes: number;
  warmMs: number;
  /** JS heap after garbage collection `WARM_SETTLE_MS` after the warm open. */
  warmHeapBytes: number;
}

/** Where the warm heap is read: the keeper has nothing left to fetch, channels resync. */
export const WARM_SETTLE_MS = 5_000;

/** The most recent threads the keeper fetches per channel, by default (a per-device setting). */
export const THREADS_KEPT_PER_CHANNEL = DEFAULT_THREADS_PER_CHANNEL;

// The page globals used in page.evaluate, restated: the scripts' tsconfig has no DOM types.
interface PageGlobals {
  document: {
    querySelector(selector: string): {
      getBoundingClientRect(): { height: number; top: number; bottom: number };
    } | null;
  };
  innerHeight: number;
  indexedDB: {
    open(name: string): {
      onsuccess: (() => void) | null;
      onerror: (() => void) | null;
      result: {
        objectStoreNames: { contains(name: string): boolean };
        transaction(store: string): {
          objectStore(store: string): {
            getAll(): { onsuccess: (() => void) | null; result: { bytes: number }[] };
          };
        };
        close(): void;
      };
    };
  };
}

/** Waits until `selector` is laid out inside the viewport; returns performance.now() then. */
async function onScreen(page: Page, selector: string): Promise<number> {
  const handle = await page.waitForFunction(
    (wanted) => {
      const { document, innerHeight } = globalThis as unknown as PageGlobals;
      const element = document.querySelector(wanted);
      if (element === null) return false;
      const box = element.getBoundingClientRect();
      return box.height > 0 && box.bottom > 0 && box.top < innerHeight ? performance.now() : false;
    },
    selector,
    { polling: "raf", timeout: OPEN_TIMEOUT_MS },
  );
  return (await handle.jsonValue()) as number;
}

/** Thread documents the app holds (its Dexie table `heldDocuments`, rows with bytes). */
function heldThreads(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        const request = (globalThis as unknown as PageGlobals).indexedDB.open("openvibe");
        request.onerror = () => resolve(0);
        request.onsuccess = () => {
          const db = request.result;
          if (!db.objectStoreNames.contains("heldDocuments")) {
            db.close();
            resolve(0);
            return;
          }
          const rows = db.transaction("heldDocuments").objectStore("heldDocuments").getAll();
          rows.onsuccess = () => {
            db.close();
            resolve(rows.result.filter((row) => row.bytes > 0).length);
          };
        };
      }),
  );
}

/** Counts held threads until they reach `expected` or `deadlineMs` after the navigation passed. */
async function untilKept(
  page: Page,
  expected: number,
  deadlineMs: number,
  log: (line: string) => void,
): Promise<KeeperProgress> {
  let reported = 0;
  for (;;) {
    const held = await heldThreads(page);
    const now = (await page.evaluate(() => performance.now())) as number;
    if (held >= expected) return { held, expected, finishedMs: now };
    if (now > deadlineMs) return { held, expected, finishedMs: null };
    if (Math.floor(held / 100) > Math.floor(reported / 100)) {
      reported = held;
      log(`  browser: the offline keeper holds ${held} of ${expected} threads`);
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Sign-in with `target`'s joined channels: cold (empty profile), the keeper waited for up to
 * `keeperDeadlineMs`, then one warm reload of the root. With `traceDir`, the cold sign-in is
 * traced (until TRACE_AFTER_MS after the first channel is listed) into `sign-in.trace.json` there.
 */
export async function measureManyChannels(
  target: ManyChannelsTarget,
  keeperDeadlineMs: number,
  traceDir: string | null,
  log: (line: string) => void,
): Promise<ManyChannelsResult> {
  const profileDir = mkdtempSync(join(tmpdir(), "openvibe-bench-client-profile-"));
  const context = await openContext(profileDir, target);
  const listed = `ul.threads a[href="/c/${target.firstChannelId}/t/${target.firstNewestThreadId}"]`;
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const cdp = await context.newCDPSession(page);

    log("  browser: sign-in, cold (empty profile), to the first channel's thread list…");
    const signIn = async () => {
      await page.goto(`${target.baseUrl}/`, { waitUntil: "commit" });
      return onScreen(page, listed);
    };
    // Traced, the window ends at the first channel listed (client-trace-summary.ts reads it as
    // its end) and the trace runs on a little, for what follows.
    const coldMs =
      traceDir === null
        ? await signIn()
        : (
            await traceAround(
              cdp,
              { path: join(traceDir, "sign-in.trace.json"), samples: true },
              async () => {},
              async () => {
                const newestOnScreenMs = await signIn();
                await page.waitForTimeout(TRACE_AFTER_MS);
                return { newestOnScreenMs };
              },
            )
          ).newestOnScreenMs;
    log(`  browser: waiting for the offline keeper (${target.threadsToKeep} threads)…`);
    const keeper = await untilKept(page, target.threadsToKeep, keeperDeadlineMs, log);
    const coldHeapBytes = await heapBytes(cdp);
    const storedBytes = await indexedDbBytes(page);

    log("  browser: warm reload of the root…");
    await page.goto(`${target.baseUrl}/`, { waitUntil: "commit" });
    const warmMs = await onScreen(page, listed);
    await page.waitForTimeout(WARM_SETTLE_MS);
    const warmHeapBytes = await heapBytes(cdp);
    return {
      coldMs,
      coldHeapBytes,
      keeper,
      indexedDbBytes: storedBytes,
      warmMs,
      warmHeapBytes,
    };
  } finally {
    await context.close();
    rmSync(profileDir, { recursive: true, force: true });
  }
}
