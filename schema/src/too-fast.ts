// The server's answers that mean "too fast": a principal wrote, or created threads, faster than
// the server takes from one. Nothing of the peer's was taken or lost; its copy keeps the change
// and syncs again after a pause. Both close the document's connection (`too-many-writes`, and
// `too-many-new-threads` at the first write into a new thread document); clients treat both
// alike. The reason says how long to wait (`too-many-new-threads;wait-ms=1500`): the server
// knows when its bucket has room again. A reason without a wait (an older server) is still too
// fast: the client then backs off exponentially. One rule for every peer (the browser's replicas
// and the test clients that act as it does): `resyncDelayMs`.
import { CLOSE_CODES } from "./close-codes.ts";

const TOO_FAST_REASONS: ReadonlySet<string> = new Set([
  CLOSE_CODES.tooManyWrites.reason,
  CLOSE_CODES.tooManyNewThreads.reason,
]);

export type TooFastReason =
  | typeof CLOSE_CODES.tooManyWrites.reason
  | typeof CLOSE_CODES.tooManyNewThreads.reason;

/** Between the reason and the wait the server asks for. */
const WAIT_MARK = ";wait-ms=";

/** The longest wait a client takes from a server's reason (a bad value must not park a copy). */
export const MAX_SAID_WAIT_MS = 10 * 60_000;
/** The first pause when the server said no wait; doubled at each refusal in a row... */
export const FIRST_RESYNC_PAUSE_MS = 2_000;
/** ...up to this. */
export const MAX_RESYNC_PAUSE_MS = 60_000;
/** Added at most to a wait the server said, so copies refused together do not return together. */
const MAX_JITTER_MS = 1_000;

/** What a "too fast" answer said: how long to wait, when the server said it. */
export interface TooFast {
  readonly waitMs: number | null;
}

/** The reason a server gives for `reason`, asking the peer to wait `waitMs` before it syncs. */
export function tooFastReason(reason: TooFastReason, waitMs: number): string {
  return `${reason}${WAIT_MARK}${Math.max(0, Math.ceil(waitMs))}`;
}

/** What a close reason says of "too fast: sync again after a pause"; null when it says other. */
export function readTooFast(reason: string): TooFast | null {
  const mark = reason.indexOf(WAIT_MARK);
  const name = mark === -1 ? reason : reason.slice(0, mark);
  if (!TOO_FAST_REASONS.has(name)) return null;
  if (mark === -1) return { waitMs: null };
  const waitMs = Number(reason.slice(mark + WAIT_MARK.length));
  return { waitMs: Number.isSafeInteger(waitMs) && waitMs >= 0 ? waitMs : null };
}

/** The reason's name without what it says of a wait (for logs, metrics and tests). */
export function reasonName(reason: string): string {
  const mark = reason.indexOf(WAIT_MARK);
  return mark === -1 ? reason : reason.slice(0, mark);
}

/**
 * How long a copy waits before it syncs again after a "too fast" answer: the server's wait plus
 * a little jitter (up to a tenth of it, at most a second) when it said one; otherwise
 * exponential from FIRST_RESYNC_PAUSE_MS by `refusalsInARow` (0 for the first), capped at
 * MAX_RESYNC_PAUSE_MS, of which a random half.
 */
export function resyncDelayMs(
  said: TooFast,
  refusalsInARow: number,
  random: () => number = Math.random,
): number {
  if (said.waitMs !== null) {
    const wait = Math.min(said.waitMs, MAX_SAID_WAIT_MS);
    return Math.round(wait + random() * Math.min(MAX_JITTER_MS, 100 + wait / 10));
  }
  const pause = Math.min(
    MAX_RESYNC_PAUSE_MS,
    FIRST_RESYNC_PAUSE_MS * 2 ** Math.min(refusalsInARow, 30),
  );
  return Math.round(pause / 2 + (random() * pause) / 2);
}
