// What a command prints: the same result as JSON (--json) or as aligned text.

export interface Output {
  /** Printed as JSON with --json. */
  data: unknown;
  /** Printed otherwise; no trailing newline needed. */
  text: string;
}

const GAP = "  ";

/** Rows of cells with each column padded to its widest cell. */
export function alignColumns(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join(GAP)
        .trimEnd(),
    )
    .join("\n");
}

/** Columns under upper-case headers; "(none)" when there are no rows. */
export function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return "(none)";
  return alignColumns([headers.map((h) => h.toUpperCase()), ...rows]);
}

/** "label: value" lines with the values aligned. */
export function keyValues(entries: [string, string][]): string {
  return alignColumns(entries.map(([label, value]) => [`${label}:`, value]));
}

export function formatOutput(output: Output, json: boolean): string {
  return json ? `${JSON.stringify(output.data, null, 2)}\n` : `${output.text}\n`;
}

/** A timestamp in ISO form, or "-" for none, for tables. */
export function when(iso: string | null): string {
  return iso === null ? "-" : iso.replace(/\.\d{3}Z$/, "Z");
}
