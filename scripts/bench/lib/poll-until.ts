// Waiting in a benchmark for a state that has no event of its own (a count the server keeps):
// `check` every `everyMs` until it holds, or an error naming what was awaited after `timeoutMs`,
// so a run that went wrong stops with a reason instead of hanging.
import { setTimeout as delay } from "node:timers/promises";

export async function pollUntil(
  what: string,
  check: () => boolean,
  timeoutMs: number,
  everyMs = 20,
): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!check()) {
    if (performance.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    }
    await delay(everyMs);
  }
}
