// The newest N matches of a search over some segments, found without ranking every match: the
// segments are read in windows of time going back from now, each window only as long as the
// matches found so far suggest, and a message outside the window costs a check, not a score.

import { byTimeDescending } from "./ranking.ts";
import type { Match, Segment } from "./segment.ts";

/** Finds the matches of a segment written in [from, until). */
export type WindowSearch = (segment: Segment, from: number, until: number) => Match[];

/** The first window holds this many times N messages (a word in every one of them fills it). */
const FIRST_WINDOW = 1;
/** Later windows are this much longer than the match rate so far says they must be. */
const MARGIN = 1.25;

/** The latest time at or after which at least `count` of the messages were written. */
function timeOfNewest(segments: readonly Segment[], count: number): number {
  const total = segments.reduce((sum, segment) => sum + segment.size, 0);
  if (total <= count) return -Infinity;
  const counted = (time: number) =>
    segments.reduce((sum, segment) => sum + segment.countFrom(time), 0);
  let low = Math.min(...segments.map((segment) => segment.oldest));
  let high = Math.max(...segments.map((segment) => segment.newest));
  if (counted(high) >= count) return high;
  // counted(low) >= count > counted(high)
  while (high - low > 1) {
    const middle = Math.floor(low + (high - low) / 2);
    if (counted(middle) >= count) low = middle;
    else high = middle;
  }
  return low;
}

/** The newest `count` matches of `search` in `segments`, newest first. */
export function newestMatches(
  segments: readonly Segment[],
  search: WindowSearch,
  count: number,
): Match[] {
  const found: Match[] = [];
  let until = Infinity;
  let wanted = count * FIRST_WINDOW;
  while (found.length < count && until > -Infinity) {
    const from = timeOfNewest(segments, wanted);
    for (const segment of segments) {
      if (segment.size === 0 || segment.oldest >= until || segment.newest < from) continue;
      for (const match of search(segment, from, until)) found.push(match);
    }
    until = from;
    // No match in the newest messages: a rare word, cheap to look for everywhere.
    const rate = found.length / wanted;
    wanted += rate > 0 ? Math.ceil(((count - found.length) / rate) * MARGIN) : Infinity;
  }
  // Every match written before the last window is older than all of these.
  return found.sort(byTimeDescending).slice(0, count);
}
