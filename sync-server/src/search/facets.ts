// The filters of a search as words of the FTS5 index. Each search_messages row has a generated
// `facets` column, indexed by search_fts beside the body: its channel, its author, its flags
// and its day at four granularities. A filtered search then asks FTS5 for the words AND the
// facets, which FTS5 intersects newest first and stops at the cap, instead of reading every
// match of the words (or every row) and checking the row. The facets only narrow the
// candidates: the query still checks every filter on the row, so a facet is never the rule.
import { sql } from "drizzle-orm";
import { quote } from "./fts-query.ts";
import type { RowFilters } from "./search-index.ts";

/** Day buckets of 10, 100, 1,000 and 10,000 days since 1970, tagged by size. */
const DAY_LEVELS = [
  { tag: "dd", days: 10_000 },
  { tag: "dc", days: 1_000 },
  { tag: "db", days: 100 },
  { tag: "da", days: 10 },
] as const;
const DAY_MS = 86_400_000;
/** Stamps are clamped into [0, 40,000 days) (1970 to 2079), so every row has a bucket. */
const LAST_DAY = 40_000;

const FLAGS = {
  pinned: "pinned",
  hasFork: "hasfork",
  inFork: "infork",
  hasLink: "haslink",
} as const;

/** The generated column's expression: one definition, compiled into the migration. */
export const FACETS_COLUMN = sql.raw(
  [
    "'c' || hex(channel_id) || ' a' || hex(author_id)",
    ...DAY_LEVELS.map(
      ({ tag, days }) =>
        `' ${tag}' || (max(0, min(created_ms, ${LAST_DAY * DAY_MS - 1})) / ${days * DAY_MS})`,
    ),
    `iif(pinned, ' ${FLAGS.pinned}', '')`,
    `iif(has_fork, ' ${FLAGS.hasFork}', '')`,
    `iif(fork_id IS NOT NULL, ' ${FLAGS.inFork}', '')`,
    `iif(has_link, ' ${FLAGS.hasLink}', '')`,
  ].join(" || "),
);

/**
 * How many words the facets column gives a row: its channel, its author, a day bucket per
 * level, and each flag it has (bm25 counts them in the row's length).
 */
export function facetWordCount(row: {
  pinned: number;
  hasFork: number;
  inFork: number;
  hasLink: number;
}): number {
  return 2 + DAY_LEVELS.length + row.pinned + row.hasFork + row.inFork + row.hasLink;
}

/** As SQLite's hex(): the UTF-8 bytes in upper-case hex (the tokenizer folds the case). */
function hex(id: string): string {
  return Buffer.from(id, "utf8").toString("hex");
}

const channelFacet = (channelId: string): string => `c${hex(channelId)}`;
const authorFacet = (authorId: string): string => `a${hex(authorId)}`;

/** Day of a stamp as the column buckets it. */
function dayOf(ms: number): number {
  return Math.floor(Math.max(0, Math.min(ms, LAST_DAY * DAY_MS - 1)) / DAY_MS);
}

/**
 * Bucket words covering the stamps in [fromMs, toMs) (null: unbounded): the fewest aligned
 * buckets whose union holds every day of the range, the two edge buckets only partly inside.
 * Empty when the range is.
 */
export function dayRangeFacets(fromMs: number | null, toMs: number | null): string[] {
  const first = fromMs === null ? 0 : dayOf(fromMs);
  const end = toMs === null ? LAST_DAY : dayOf(toMs - 1) + 1;
  const finest = DAY_LEVELS[DAY_LEVELS.length - 1]?.days ?? 1;
  const words: string[] = [];
  let day = Math.floor(first / finest) * finest;
  const stop = Math.ceil(end / finest) * finest;
  while (day < stop && first < end) {
    const level =
      DAY_LEVELS.find(({ days }) => day % days === 0 && day + days <= stop) ??
      DAY_LEVELS[DAY_LEVELS.length - 1];
    if (level === undefined) break;
    words.push(`${level.tag}${day / level.days}`);
    day += level.days;
  }
  return words;
}

/** `facets : (a OR b)`. */
function anyOf(words: readonly string[]): string {
  return `facets : (${words.map((word) => quote([word])).join(" OR ")})`;
}

/**
 * Narrowed to at most this many channels, the channels are facets too (an FTS5 union, cheap
 * when they hold a small share of the rows); wider, they are only checked on each row.
 */
const CHANNEL_FACETS_MAX = 4;

/**
 * FTS5 conditions (to be AND-ed) that every row passing `filters` meets; [] when the filters
 * narrow nothing worth it, null when no row can pass.
 */
export function facetConditions(filters: RowFilters): string[] | null {
  const conditions: string[] = [];
  const { channelIds, authorIds } = filters;
  if (channelIds.length === 0 || authorIds?.length === 0) return null;
  if (channelIds.length <= CHANNEL_FACETS_MAX) conditions.push(anyOf(channelIds.map(channelFacet)));
  if (authorIds !== null) conditions.push(anyOf(authorIds.map(authorFacet)));
  for (const flag of ["pinned", "hasFork", "inFork", "hasLink"] as const) {
    if (filters[flag] === true) conditions.push(anyOf([FLAGS[flag]]));
  }
  if (filters.beforeMs !== null || filters.afterMs !== null) {
    const days = dayRangeFacets(filters.afterMs, filters.beforeMs);
    if (days.length === 0) return null;
    conditions.push(anyOf(days));
  }
  return conditions;
}
