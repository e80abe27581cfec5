// The search ranking as it was before #20's server half, kept as the benchmark's baseline: the
// same candidates (the newest matches, stopped at the cap) ranked by FTS5's bm25() x recency in
// SQL. bm25() first reads every match of each phrase (facets too) to count the rows holding it.
import {
  type BodyMatch,
  facetConditions,
  filterParams,
  type OpenVibeDatabase,
  ROW_FILTERS_SQL,
  type RowFilters,
} from "@openvibe/sync-server";

const RANKED = `WITH c AS (SELECT m.id AS rid, bm25(search_fts, 1.0, 0.0) AS bm25, m.created_ms
    FROM search_fts JOIN search_messages m ON m.id = search_fts.rowid
    WHERE search_fts MATCH :match AND search_fts.rowid <= :maxRowId AND ${ROW_FILTERS_SQL}
    ORDER BY search_fts.rowid DESC LIMIT :cap)
  SELECT c.rid AS rowId,
    (-c.bm25) * (1.0 + 1.0 / (1.0 + max(0, :now - c.created_ms) / 1209600000.0)) AS score
  FROM c ORDER BY score DESC, c.rid DESC LIMIT 21`;

/** Ranks the candidates of a query with words (none without): one page of row ids. */
export function sqlBm25Ranking(sqlite: OpenVibeDatabase["$client"]) {
  const ranked = sqlite.prepare<Record<string, string | number | null>, { rowId: number }>(RANKED);
  return (
    match: BodyMatch | null,
    filters: RowFilters,
    options: { maxRowId: number; cap: number; nowMs: number },
  ): { rowId: number }[] => {
    const facets = facetConditions(filters);
    if (match === null || facets === null) return [];
    return ranked.all({
      ...filterParams(filters),
      match: [`body : (${match.expression})`, ...facets].join(" AND "),
      maxRowId: options.maxRowId,
      cap: options.cap,
      now: options.nowMs,
    });
  };
}
