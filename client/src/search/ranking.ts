// How the browser ranks, as the server does (sync-server/src/search/search-index.ts): only the
// newest CANDIDATE_CAP matches are ranked, by relevance times a recency boost.

/** Matches ranked per query: the newest this many (the server's DEFAULT_CANDIDATE_CAP). */
export const CANDIDATE_CAP = 2_000;

const HALF_BOOST_MS = 14 * 86_400_000;

/** Between 2 (written now) and 1 (long ago): half way at 14 days. */
export function recencyBoost(createdAt: number, now: number): number {
  return 1 + 1 / (1 + Math.max(0, now - createdAt) / HALF_BOOST_MS);
}

interface Ranked {
  readonly score: number;
  readonly createdAt: number;
}

/** Newest first. */
export function byTimeDescending(a: Ranked, b: Ranked): number {
  return b.createdAt - a.createdAt;
}

/** Best first; equal scores newest first. */
export function byScoreDescending(a: Ranked, b: Ranked): number {
  return b.score - a.score || b.createdAt - a.createdAt;
}

/**
 * The first `count` of `items` in `order` (which sorts by `key`, highest first, then anything):
 * what sorting them all and taking `count` gives, ties included (sorting is stable), but only
 * those whose key reaches the count-th highest are sorted with `order`. A page of 20 from 2,000
 * candidates sorts a few dozen.
 */
export function firstInOrder<T>(
  items: readonly T[],
  count: number,
  key: (item: T) => number,
  order: (a: T, b: T) => number,
): T[] {
  if (count <= 0) return [];
  let kept = items;
  if (items.length > count) {
    const keys = new Float64Array(items.length);
    for (let i = 0; i < items.length; i++) keys[i] = key(items[i] as T);
    const least = keys.sort()[items.length - count] ?? -Infinity;
    kept = items.filter((item) => key(item) >= least);
  }
  return kept.toSorted(order).slice(0, count);
}
