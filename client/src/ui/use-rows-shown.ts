// How many rows of a long list to render now: the first screenful at once, the rest a batch per
// frame after the first paint. A channel's index lists up to 1,000 threads; rendering them all
// before the first paint took about 300 ms of the sign-in's main thread (the sign-in benchmark,
// scripts/bench/client --channels 20), while a screen shows a few dozen.
import { useEffect, useState } from "react";

/** Rows rendered before the first paint: more than the tallest screen shows. */
export const FIRST_ROWS = 60;
/** Rows added per frame afterwards. */
const ROWS_PER_FRAME = 200;

/** Rows of a `total`-row list to render; starts over when `list` (which list) changes. */
export function useRowsShown(list: string, total: number): number {
  const [shown, setShown] = useState({ list, rows: FIRST_ROWS });
  const rows = shown.list === list ? shown.rows : FIRST_ROWS;
  useEffect(() => {
    if (rows >= total) return;
    // After the frame is painted: a timer set in an animation frame runs after it.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setShown({ list, rows: rows + ROWS_PER_FRAME }), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [list, rows, total]);
  return Math.min(rows, total);
}
