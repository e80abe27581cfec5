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
