import { describe, expect, it } from "vitest";
import { newestMatches, type WindowSearch } from "./newest-matches.ts";
import { byTimeDescending } from "./ranking.ts";
import { type Match, Segment } from "./segment.ts";
import { finish } from "./steps.ts";
import { Vocabulary } from "./vocabulary.ts";

const MINUTE = 60_000;

/** `channels` segments of one channel each, their messages interleaved: m0 the oldest. */
const vocabulary = new Vocabulary();

function interleaved(channels: number, perChannel: number): Segment[] {
  const segments = Array.from(
    { length: channels },
    (_, i) => new Segment(i, `c${i}`, 0, vocabulary),
  );
  for (let i = 0; i < channels * perChannel; i++) {
    const words = [i % 2 === 0 ? "even" : "odd", i % channels === 0 ? "first" : "other"];
    segments[i % channels]?.add({
      id: `m${i}`,
      words: words.map((word) => vocabulary.idOf(word)),
      facts: {
        channelId: `c${i % channels}`,
        threadId: "t",
        forkId: null,
        authorId: "u",
        createdAt: i * MINUTE,
        pinned: false,
        hasFork: false,
        hasLink: false,
        sig: 0,
      },
    });
  }
  return segments;
}

/** Every message with `word` in [from, until), counting the segments read. */
function searching(word: string) {
  const reads: string[] = [];
  const search: WindowSearch = (segment, from, until) => {
    reads.push(segment.channelId);
    const query = [vocabulary.expand(word, { prefix: false, fuzzy: 0 })];
    return segment.search(query, () => 1, { from, until });
  };
  return { search, reads };
}

/** Newest first (newestMatches leaves them in the order found). */
const newest = (found: Match[]) => found.sort(byTimeDescending);

describe("the newest matches", () => {
  it("finds the newest N, reading each segment once when the match rate is even", () => {
    const segments = interleaved(5, 40);
    const { search, reads } = searching("even");
    const found = newest(finish(newestMatches(segments, search, 20))).map((match) =>
      String(match.id),
    );
    expect(found).toEqual(Array.from({ length: 20 }, (_, i) => `m${198 - 2 * i}`));
    expect(reads.sort()).toEqual(["c0", "c1", "c2", "c3", "c4"]);
  });

  it("reads further back when the newest segments hold fewer matches than the rest", () => {
    const segments = interleaved(5, 40);
    const { search } = searching("first");
    // Only c0 holds "first", and c4 holds the newest message.
    const found = newest(finish(newestMatches(segments, search, 10))).map((match) =>
      String(match.id),
    );
    expect(found).toEqual(Array.from({ length: 10 }, (_, i) => `m${195 - 5 * i}`));
  });

  it("finds nothing for a word no segment holds, or in no segment", () => {
    const segments = interleaved(5, 40);
    const { search } = searching("absent");
    expect(finish(newestMatches(segments, search, 10))).toEqual([]);
    expect(finish(newestMatches([], search, 10))).toEqual([]);
  });
});
