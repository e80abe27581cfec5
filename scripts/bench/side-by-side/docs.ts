// docs/benchmarks.md: the run fills the part between the markers (machine, tables, charts);
// the readings around it are written by people and kept.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeCharts } from "./charts.ts";
import { markdownTable, type ScenarioResult } from "./report.ts";

export const BEGIN = "<!-- bench:begin (written by scripts/bench/run --write-docs) -->";
export const END = "<!-- bench:end -->";

export interface RunHeader {
  mode: string;
  /** Options that changed the mode's sizes, as given ("" when none). */
  options: string;
  machine: string;
  pinned: boolean;
  durationSeconds: number;
  date: string;
  revision: string;
  loadAverage: string;
}

/** The generated Markdown for a run, with charts written beside it. */
export async function generatedSection(
  header: RunHeader,
  results: readonly ScenarioResult[],
  chartDir: string,
  chartLink: string,
): Promise<string> {
  const parts = [
    BEGIN,
    "",
    `Run: \`scripts/bench/run${header.mode === "full" ? "" : ` --${header.mode}`}${header.options === "" ? "" : ` ${header.options}`}\` on ${header.date}, ${Math.round(header.durationSeconds)} s.`,
    `Machine: ${header.machine}. ${header.pinned ? "Server pinned to core 1, load generators to core 0 (taskset)." : "Not pinned (no taskset or one core)."}`,
    `Commit: ${header.revision}. Load average (1, 5, 15 min): ${header.loadAverage}.`,
    "",
  ];
  for (const result of results) {
    parts.push(`### ${result.title}`, "");
    for (const table of result.tables) parts.push(`*${table.title}*`, "", markdownTable(table), "");
    for (const note of result.notes) parts.push(`- ${note}`);
    if (result.notes.length > 0) parts.push("");
    const files = await writeCharts(result.charts, chartDir);
    for (const [i, file] of files.entries()) {
      parts.push(`![${result.charts[i]?.title ?? file}](${chartLink}/${file})`, "");
    }
  }
  parts.push(END);
  return parts.join("\n");
}

/** Replaces the generated part of `docsFile` (or appends it when the markers are missing). */
export function replaceGenerated(docsFile: string, section: string): void {
  const current = existsSync(docsFile) ? readFileSync(docsFile, "utf8") : "# Benchmarks\n\n";
  const begin = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next =
    begin >= 0 && end > begin
      ? `${current.slice(0, begin)}${section}${current.slice(end + END.length)}`
      : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(docsFile, next);
}

export function docsPaths(root: string) {
  return {
    file: join(root, "docs/benchmarks.md"),
    chartDir: join(root, "docs/benchmarks"),
    chartLink: "benchmarks",
  };
}
