// Once, after the upgrade that added the word-pair index (migration 0021, which SQL cannot fill:
// the pairs are split in JavaScript, word-pairs.ts): every row's pairs are written at start, a
// chunk of rows per transaction, from the bodies search_messages already holds. Until every row
// has them, phrases are answered from search_fts as before. A no-op (two one-row reads) on
// every later start.
import type { Logger } from "../logger.ts";
import type { SearchIndex } from "./search-index.ts";

const ROWS_PER_TRANSACTION = 5_000;

export function backfillWordPairs(index: SearchIndex, logger: Logger): void {
  if (index.pairsCoverEveryRow()) return;
  const started = Date.now();
  const rows = index.count();
  logger.info({ rows }, "indexing the word pairs of older messages");
  let last = 0;
  do last = index.writePairsAfter(last, ROWS_PER_TRANSACTION);
  while (last !== 0);
  logger.info({ rows, ms: Date.now() - started }, "indexed the word pairs of older messages");
}
