// FTS5 keeps the index's row count and each column's total token count in one record of its
// %_data table (rowid 1, "the averages record": SQLite varints, the row count first). bm25
// reads it through xRowCount and xColumnTotalSize; read here, it costs one row lookup.
import type { CorpusStats } from "./relevance.ts";

/** Rowid of the averages record in an FTS5 table's %_data table. */
export const AVERAGES_ROWID = 1;

/** An SQLite varint at `offset`: its value and the offset after it. */
export function readVarint(bytes: Uint8Array, offset: number): [value: number, next: number] {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = bytes[offset + i] ?? 0;
    if (i === 8) return [value * 256 + byte, offset + 9];
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, offset + i + 1];
  }
  return [value, offset + 9];
}

/** The sum of the varints in `bytes` from `offset` on. */
function sumVarints(bytes: Uint8Array, offset: number): number {
  let sum = 0;
  for (let at = offset; at < bytes.length; ) {
    const [value, next] = readVarint(bytes, at);
    sum += value;
    at = next;
  }
  return sum;
}

/** Rows, and tokens summed over every column, from the averages record (none: an empty index). */
export function decodeAverages(block: Uint8Array | undefined): CorpusStats {
  if (block === undefined || block.length === 0) return { rows: 0, tokens: 0 };
  const [rows, afterRows] = readVarint(block, 0);
  return { rows, tokens: sumVarints(block, afterRows) };
}
