// Named moments of a page's start, as performance marks (the first time each happens in a page):
// DevTools' Performance panel shows them, and the warm-open benchmark (scripts/bench/client)
// prints their medians, so where a warm open spends its time is read off any build.
export type BootMoment =
  /** The page's first script runs (start-early.ts). */
  | "script"
  /** A document's snapshot is in it, before its local copy was read (screen-snapshots.ts). */
  | "snapshot-applied"
  /** The thread or channel the page opened on shows (ui/first-screen.ts). */
  | "first-screen";

export function markBoot(moment: BootMoment): void {
  const name = `openvibe:${moment}`;
  if (performance.getEntriesByName(name, "mark").length === 0) performance.mark(name);
}
