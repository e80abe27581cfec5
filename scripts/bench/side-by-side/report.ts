// What a scenario hands back: tables for the terminal and docs/benchmarks.md, charts, notes,
// and its raw data for --json.
export type Cell = string | number | null;

export interface Table {
  title: string;
  columns: string[];
  rows: Cell[][];
}

export interface ChartSpec {
  /** File name under docs/benchmarks/ (without .svg). */
  name: string;
  title: string;
  /** A vega-lite spec (data inline). */
  spec: Record<string, unknown>;
}

export interface ScenarioResult {
  id: string;
  title: string;
  tables: Table[];
  notes: string[];
  charts: ChartSpec[];
  data: unknown;
}

/** A number as a table shows it: thousands separated, `digits` decimals; null as "n/a". */
export function format(value: Cell, digits = 0): string {
  if (value === null) return "n/a";
  if (typeof value === "string") return value;
  return value.toLocaleString("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** A ratio such as "0.31×" (n/a when either side is missing). */
export function ratio(value: number | null, baseline: number | null): string {
  if (value === null || baseline === null || baseline === 0) return "n/a";
  return `${(value / baseline).toFixed(2)}×`;
}

function widths(table: Table): number[] {
  return table.columns.map((column, i) =>
    Math.max(column.length, ...table.rows.map((row) => String(row[i] ?? "").length)),
  );
}

/** A plain-text table: first column left-aligned, the others right-aligned. */
export function textTable(table: Table): string {
  const width = widths(table);
  const line = (cells: Cell[]) =>
    cells
      .map((cell, i) => {
        const text = cell === null ? "n/a" : String(cell);
        return i === 0 ? text.padEnd(width[i] ?? 0) : text.padStart(width[i] ?? 0);
      })
      .join("  ")
      .trimEnd();
  return [`== ${table.title}`, line(table.columns), ...table.rows.map(line)].join("\n");
}

/** The same table in Markdown. */
export function markdownTable(table: Table): string {
  const cellText = (cell: Cell) => (cell === null ? "n/a" : String(cell).replaceAll("|", "\\|"));
  return [
    `| ${table.columns.map(cellText).join(" | ")} |`,
    `| ${table.columns.map((_, i) => (i === 0 ? "---" : "---:")).join(" | ")} |`,
    ...table.rows.map((row) => `| ${row.map(cellText).join(" | ")} |`),
  ].join("\n");
}
