// The newest N matches of a search over some segments, found without ranking every match: the
// segments are read in windows of time going back from now, each window only as long as the
// matches found so far suggest, and a message outside the window costs a check, not a score.
// Every window reads each segment it overlaps whole (a segment of a quiet channel spans much
// time), so the first window is sized by the match rate in the newest segments, read first:
// usually one window is enough.

import type { Match, Segment } from "./segment.ts";
import type { Steps } from "./steps.ts";

/** Finds the matches of a segment written in [from, until). */
export type WindowSearch = (segment: Segment, from: number, until: number) => Match[];

/** Windows are this much longer than the match rate so far says they must be. */
const MARGIN = 1.25;

/**
 * A time at or after which at least `count` of the messages were written, and not many more: the
 * search for it stops once the window is within 1/16 of `count` (each step counts in every
 * segment, and a window a little longer costs less than a step).
 */
function timeOfNewest(segments: readonly Segment[], count: number): number {
  const total = segments.reduce((sum, segment) => sum + segment.size, 0);
  if (total <= count) return -Infinity;
  const counted = (time: number) =>
    segments.reduce((sum, segment) => sum + segment.countFrom(time), 0);
  let low = Math.min(...segments.map((segment) => segment.oldest));
  let high = Math.max(...segments.map((segment) => segment.newest));
  if (counted(high) >= count) return high;
  // counted(low) >= count > counted(high)
  let atLow = total;
  const enough = count + Math.ceil(count / 16);
  while (high - low > 1 && atLow > enough) {
    const middle = Math.floor(low + (high - low) / 2);
    const atMiddle = counted(middle);
    if (atMiddle >= count) {
      low = middle;
      atLow = atMiddle;
    } else high = middle;
  }
  return low;
}

/** Messages to read for `count` matches at `rate` matches per message (at least `count`). */
function messagesFor(count: number, rate: number): number {
  return rate > 0 ? Math.max(count, Math.ceil((count / rate) * MARGIN)) : count;
}

/** The newest segments (by their newest message) holding `count` messages between them. */
function newestSegments(segments: readonly Segment[], count: number): Segment[] {
  const byNewest = segments.filter((s) => s.size > 0).sort((a, b) => b.newest - a.newest);
  const chosen: Segment[] = [];
  let held = 0;
  for (const segment of byNewest) {
    if (held >= count) break;
    chosen.push(segment);
    held += segment.size;
  }
  return chosen;
}

/**
 * All the matches of the newest segments: how often the search matches there sizes the first
 * window, and windows take theirs from these instead of reading those segments again.
 */
function* probed(
  segments: readonly Segment[],
  search: WindowSearch,
  count: number,
): Steps<{ search: WindowSearch; rate: number }> {
  const read = new Map<Segment, Match[]>();
  let messages = 0;
  let matches = 0;
  for (const segment of newestSegments(segments, count)) {
    const found = search(segment, -Infinity, Infinity);
    read.set(segment, found);
    messages += segment.size;
    matches += found.length;
    yield;
  }
  const cached: WindowSearch = (segment, from, until) => {
    const found = read.get(segment);
    if (found === undefined) return search(segment, from, until);
    return found.filter((match) => match.createdAt >= from && match.createdAt < until);
  };
  return { search: cached, rate: messages === 0 ? 0 : matches / messages };
}

/**
 * The newest `count` of `found` in the order found: those a stable sort newest first would keep
 * (of matches written at the same time, the first found), without sorting them.
 */
function newestOf(found: Match[], count: number): Match[] {
  if (count <= 0) return [];
  if (found.length <= count) return found;
  const times = new Float64Array(found.length);
  for (let i = 0; i < found.length; i++) times[i] = found[i]?.createdAt ?? 0;
  const least = times.sort()[found.length - count] ?? -Infinity;
  let newer = 0;
  for (const match of found) if (match.createdAt > least) newer++;
  let tied = count - newer;
  return found.filter(
    (match) => match.createdAt > least || (match.createdAt === least && tied-- > 0),
  );
}

/**
 * The newest `count` matches of `search` in `segments`, in no order (a search ranks them, a
 * filter-only one sorts them); a segment a step.
 */
export function* newestMatches(
  segments: readonly Segment[],
  search: WindowSearch,
  count: number,
): Steps<Match[]> {
  const probe = yield* probed(segments, search, count);
  const found: Match[] = [];
  let until = Infinity;
  let wanted = messagesFor(count, probe.rate);
  while (found.length < count && until > -Infinity) {
    const from = timeOfNewest(segments, wanted);
    for (const segment of segments) {
      if (segment.size === 0 || segment.oldest >= until || segment.newest < from) continue;
      for (const match of probe.search(segment, from, until)) found.push(match);
      yield;
    }
    until = from;
    // No match in the newest messages: a rare word, cheap to look for everywhere.
    const rate = found.length / wanted;
    wanted += rate > 0 ? Math.ceil(((count - found.length) / rate) * MARGIN) : Infinity;
  }
  // Every match written before the last window is older than all of these.
  return newestOf(found, count);
}
