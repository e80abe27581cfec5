// An automated accessibility check: axe-core's source evaluated in the page,
// `axe.run` on the whole document; returns the serious and critical findings.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { AxeResults } from "axe-core";
import type { Page } from "playwright-core";

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve("axe-core/axe.min.js"),
  "utf8",
);

declare global {
  interface Window {
    axe?: { run(context: Document): Promise<AxeResults> };
  }
}

export interface AxeFinding {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => window.axe !== undefined))) {
    // Evaluated through the debugging protocol, not as a <script> tag: the app's
    // Content-Security-Policy rightly refuses inline script.
    await page.evaluate(AXE_SOURCE);
  }
  // A transition still running (a message's actions fading in under the pointer, 120 ms) would
  // be judged half-way: axe blends the opacity into the colours it checks for contrast. Under a
  // full suite's load the check could start inside one. Every finite animation ends first.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((animation) => animation.effect?.getComputedTiming().endTime !== Infinity)
        .map((animation) => animation.finished.catch(() => undefined)),
    ),
  );
  const results = await page.evaluate(async () => {
    const axe = window.axe;
    if (axe === undefined) throw new Error("axe-core did not load");
    const { violations } = await axe.run(document);
    return violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? "unknown",
      help: v.help,
      targets: v.nodes.map((node) => node.target.join(" ")),
    }));
  });
  return results.filter((v) => v.impact === "serious" || v.impact === "critical");
}
