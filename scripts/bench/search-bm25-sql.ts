// The search ranking as it was before #20's server half, kept as the benchmark's baseline: the
// same candidates (the newest matches, stopped at the cap) ranked by FTS5's bm25() x recency in
// SQL, then FTS5's snippet() for the page. bm25() first reads every match of each phrase
// (facets too) to count the rows holding it; snippet() looks the phrases up again per row.
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

const SNIPPETS = `SELECT search_fts.rowid AS rowId,
    snippet(search_fts, 0, char(2), char(3), '…', 24) AS snippet
  FROM json_each(:rowIds) AS r CROSS JOIN search_fts ON search_fts.rowid = r.value
  WHERE search_fts MATCH :match`;

/** Ranks the candidates of a query with words (none without): one page, with snippets. */
export function sqlBm25Ranking(sqlite: OpenVibeDatabase["$client"]) {
  const ranked = sqlite.prepare<Record<string, string | number | null>, { rowId: number }>(RANKED);
  const snippets = sqlite.prepare<{ rowIds: string; match: string }, { snippet: string }>(SNIPPETS);
  return (
    match: BodyMatch | null,
    filters: RowFilters,
    options: { maxRowId: number; cap: number; nowMs: number },
  ): { rowId: number }[] => {
    const facets = facetConditions(filters);
    if (match === null || facets === null) return [];
    const body = `body : (${match.expression})`;
    const rows = ranked.all({
      ...filterParams(filters),
      match: [body, ...facets].join(" AND "),
      maxRowId: options.maxRowId,
      cap: options.cap,
      now: options.nowMs,
    });
    const rowIds = JSON.stringify(rows.slice(0, 20).map((row) => row.rowId));
    snippets.all({ rowIds, match: body });
    return rows;
  };
}
