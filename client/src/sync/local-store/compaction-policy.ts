// When to merge rows of a document's log. The oldest row is the base (most of
// the document); the rows after it are the tail. Merging the tail is cheap (it
// is small); folding it into the base rewrites the whole document, so that
// waits until the tail is worth a tenth of the base (the server's rule,
// SNAPSHOT_SHARE in sync-server): a reload never rewrites a large channel just
// because one message arrived since the last one.

/** The tail is folded into the base once it reaches this share of the base's bytes... */
export const BASE_SHARE = 0.1;
/** ...and at least this many bytes, so that small documents are not rewritten per message. */
export const MIN_FOLD_BYTES = 16 * 1024;
/** While the page runs, the tail is merged into one row when it has more rows than this. */
export const MAX_TAIL_ROWS = 100;

export interface LogSize {
  rows: number;
  baseBytes: number;
  tailBytes: number;
}

export const EMPTY_LOG: LogSize = { rows: 0, baseBytes: 0, tailBytes: 0 };

export function sizeOf(rows: readonly Uint8Array[]): LogSize {
  return rows.reduce(grown, EMPTY_LOG);
}

/** The size after appending one row. */
export function grown(size: LogSize, row: Uint8Array): LogSize {
  const { rows, baseBytes, tailBytes } = size;
  return rows === 0
    ? { rows: 1, baseBytes: row.byteLength, tailBytes: 0 }
    : { rows: rows + 1, baseBytes, tailBytes: tailBytes + row.byteLength };
}

/**
 * Which rows to merge into one: from the base (0), the tail only (1), or none (null) when the
 * tail is small and has at most `maxTailRows` rows.
 */
export function firstRowToMerge(size: LogSize, maxTailRows: number): 0 | 1 | null {
  if (size.rows < 2) return null;
  if (size.tailBytes >= Math.max(size.baseBytes * BASE_SHARE, MIN_FOLD_BYTES)) return 0;
  return size.rows - 1 > maxTailRows ? 1 : null;
}
