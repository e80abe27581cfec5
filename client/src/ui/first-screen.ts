// The moment the first screen is up: the thread or channel the page opened on shows its
// content. Work the first screen does not need (the search index worker, the Markdown
// renderer's chunk) waits for it, so that on a warm open it neither shares the CPU nor the
// page's main thread with it. A page that shows no thread or channel (administration, sign-in)
// starts that work after FALLBACK_MS anyway.
import { markBoot } from "../boot-marks.ts";

const FALLBACK_MS = 3_000;
/** Once shown, deferred work still waits for an idle moment, at most this long. */
const IDLE_TIMEOUT_MS = 1_000;

/** requestIdleCallback where the browser has one (Safari has not): else the next task. */
function whenIdle(run: () => void): () => void {
  if (typeof requestIdleCallback === "function") {
    const idle = requestIdleCallback(run, { timeout: IDLE_TIMEOUT_MS });
    return () => cancelIdleCallback(idle);
  }
  const next = setTimeout(run, 0);
  return () => clearTimeout(next);
}

let shown = false;
let fallback: ReturnType<typeof setTimeout> | null = null;
const waiting = new Set<() => void>();

/** Says the first screen is up (called by the thread and channel views once they show it). */
export function firstScreenShown(): void {
  if (!shown) markBoot("first-screen");
  releaseWaiting();
}

/** Lets the work waiting for the first screen run (it is up, or FALLBACK_MS passed). */
function releaseWaiting(): void {
  if (shown) return;
  shown = true;
  if (fallback !== null) clearTimeout(fallback);
  for (const run of waiting) whenIdle(run);
  waiting.clear();
}

/** Runs `run` when the page is idle after the first screen; the function answered cancels it. */
export function afterFirstScreen(run: () => void): () => void {
  let cancelled = false;
  const guarded = () => {
    if (!cancelled) run();
  };
  if (shown) {
    const cancelIdle = whenIdle(guarded);
    return () => {
      cancelled = true;
      cancelIdle();
    };
  }
  waiting.add(guarded);
  fallback ??= setTimeout(releaseWaiting, FALLBACK_MS);
  return () => {
    cancelled = true;
    waiting.delete(guarded);
  };
}

/** Resolves when the page is idle after the first screen (afterFirstScreen, never cancelled). */
export function firstScreenIdle(): Promise<void> {
  return new Promise((resolve) => afterFirstScreen(resolve));
}
