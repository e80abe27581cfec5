/**
 * Hybrid-logical-clock stamps: `WWWWWWWWWWWWWWW.CCCCCC`, the wall-clock milliseconds
 * zero-padded to 15 digits and a counter zero-padded to 6. Fixed width, so string order
 * is time order on every peer.
 */
export type Stamp = string;

const WALL_DIGITS = 15;
const COUNTER_DIGITS = 6;
const MAX_WALL_MS = 10 ** WALL_DIGITS - 1;
const MAX_COUNTER = 10 ** COUNTER_DIGITS - 1;
const STAMP_PATTERN = /^(\d{15})\.(\d{6})$/;

export interface StampParts {
  readonly wallMs: number;
  readonly counter: number;
}

function clampWall(ms: number): number {
  if (!Number.isFinite(ms)) return 0;
  return Math.min(MAX_WALL_MS, Math.max(0, Math.trunc(ms)));
}

export function formatStamp(wallMs: number, counter = 0): Stamp {
  const wall = String(clampWall(wallMs)).padStart(WALL_DIGITS, "0");
  const count = String(Math.min(MAX_COUNTER, Math.max(0, Math.trunc(counter))));
  return `${wall}.${count.padStart(COUNTER_DIGITS, "0")}`;
}

export function isStamp(value: unknown): value is Stamp {
  return typeof value === "string" && STAMP_PATTERN.test(value);
}

export function parseStamp(stamp: string): StampParts | undefined {
  const match = STAMP_PATTERN.exec(stamp);
  if (match?.[1] === undefined || match[2] === undefined) return undefined;
  return { wallMs: Number(match[1]), counter: Number(match[2]) };
}

/** Wall-clock milliseconds of a stamp, or undefined for a malformed one. */
export function stampWallTime(stamp: string): number | undefined {
  return parseStamp(stamp)?.wallMs;
}

export function compareStamps(a: Stamp, b: Stamp): number {
  return compareCodeUnits(a, b);
}

export function maxStamp(a: Stamp | undefined, b: Stamp | undefined): Stamp | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}

/**
 * The stamp for something new: the local wall clock, unless a stamp already seen is at or
 * beyond it, in which case one tick after that stamp. So a reply always sorts after what
 * its author saw, even when the author's clock is behind.
 */
export function nextStamp(latestSeen: Stamp | undefined, nowMs: number): Stamp {
  const now = clampWall(nowMs);
  const seen = latestSeen === undefined ? undefined : parseStamp(latestSeen);
  if (seen === undefined || now > seen.wallMs) return formatStamp(now, 0);
  if (seen.counter < MAX_COUNTER) return formatStamp(seen.wallMs, seen.counter + 1);
  return formatStamp(seen.wallMs + 1, 0);
}

/** Locale-independent string order (UTF-16 code units), identical on every peer. */
export function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Display order of entities: by stamp, then by id. */
export function compareByStampThenId(
  a: { readonly createdAt: Stamp; readonly id: string },
  b: { readonly createdAt: Stamp; readonly id: string },
): number {
  return compareStamps(a.createdAt, b.createdAt) || compareCodeUnits(a.id, b.id);
}
