// Charts as SVG files, rendered headlessly by vega-lite and vega (no canvas, no browser).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as vega from "vega";
import * as vegaLite from "vega-lite";
import type { ChartSpec } from "./report.ts";

/**
 * First line of every chart file: vega's SVG trips Biome's accessibility rules for HTML, and a
 * generated drawing is not the place to fix them (an XML comment before the root is valid SVG).
 */
const GENERATED_MARK = "<!-- biome-ignore-all lint: drawn by vega from scripts/bench/run -->";
const WIDTH = 520;
const HEIGHT = 260;

/** Renders one chart to SVG text. */
export async function renderChart(chart: ChartSpec): Promise<string> {
  const spec = {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    title: chart.title,
    background: "white",
    ...("hconcat" in chart.spec || "vconcat" in chart.spec ? {} : { width: WIDTH, height: HEIGHT }),
    ...chart.spec,
  } as vegaLite.TopLevelSpec;
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: "none" });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Writes every chart to `directory`/<name>.svg and returns the file names. */
export async function writeCharts(charts: readonly ChartSpec[], directory: string) {
  mkdirSync(directory, { recursive: true });
  const written: string[] = [];
  for (const chart of charts) {
    const file = `${chart.name}.svg`;
    writeFileSync(join(directory, file), `${GENERATED_MARK}\n${await renderChart(chart)}`);
    written.push(file);
  }
  return written;
}
