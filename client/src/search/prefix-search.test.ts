// The word being typed stands for every indexed word starting with it: the index's fast path
// (the vocabulary's radix tree, each segment's bitmap of the words it holds, the time window
// checked before a message is scored, only a page sorted) must find exactly what reading every
// message would. Random small vocabularies over three letters make prefixes shared by many words.
import { parseSearchQuery } from "@openvibe/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planSearch } from "./query-plan.ts";
import { byScoreDescending, firstInOrder } from "./ranking.ts";
import { type IndexedMessage, SearchIndex } from "./search-index.ts";
import { Vocabulary } from "./vocabulary.ts";

const NAMES = { channelIdByName: () => undefined, personIdByHandle: () => undefined };
const letters = fc.constantFrom("a", "b", "c");
const word = fc.string({ unit: letters, minLength: 1, maxLength: 5 });
/** Three or four letters: a prefix from the third (MIN_PREFIX_LENGTH), no near spellings at 3. */
const typed = fc.string({ unit: letters, minLength: 3, maxLength: 4 });

const messages = fc.array(
  fc.record({
    words: fc.array(word, { minLength: 1, maxLength: 6 }),
    channel: fc.constantFrom("c1", "c2", "c3"),
    minute: fc.nat(1_000),
    removed: fc.boolean(),
  }),
  { minLength: 1, maxLength: 40 },
);

function indexed(id: number, words: readonly string[], channel: string, minute: number) {
  const message: IndexedMessage = {
    id: `m${id}`,
    body: words.join(" "),
    channelId: channel,
    threadId: "t",
    forkId: null,
    authorId: "u",
    createdAt: minute * 60_000,
    pinned: false,
    hasFork: false,
    hasLink: false,
  };
  return message;
}

describe("a word being typed", () => {
  it("stands for exactly the indexed words starting with it", () => {
    fc.assert(
      fc.property(fc.array(word, { maxLength: 60 }), typed, (words, prefix) => {
        const vocabulary = new Vocabulary();
        for (const w of words) vocabulary.idOf(w);
        const expanded = vocabulary
          .expand(prefix, { prefix: true, fuzzy: 0 })
          .map(({ id }) => vocabulary.word(id));
        const scanned = [...new Set(words)].filter((w) => w.startsWith(prefix));
        expect(expanded.sort()).toEqual(scanned.sort());
      }),
    );
  });

  it("finds the same messages as reading every message, across segments and removals", () => {
    fc.assert(
      fc.property(messages, typed, fc.integer({ min: 1, max: 8 }), (list, prefix, segmentSize) => {
        // Every match ranked (no candidate cap in play), in segments of a few messages.
        const index = SearchIndex.empty({ segmentSize, candidateCap: 1_000 });
        for (const [i, m] of list.entries()) index.put(indexed(i, m.words, m.channel, m.minute));
        for (const [i, m] of list.entries()) if (m.removed) index.remove(`m${i}`);
        const scanned = list
          .flatMap((m, i) =>
            !m.removed && m.words.some((w) => w.startsWith(prefix)) ? [`m${i}`] : [],
          )
          .sort();
        // Four letters with no match find near spellings instead (a typo): not this path.
        fc.pre(scanned.length > 0 || prefix.length === 3);
        const plan = planSearch(parseSearchQuery(prefix), NAMES);
        const hits = index.search(plan, 1_000, 1_000 * 60_000);
        expect(hits.map((hit) => hit.messageId).sort()).toEqual(scanned);
        for (const hit of hits) expect(hit.terms.some((t) => t.startsWith(prefix))).toBe(true);
      }),
    );
  });
});

describe("a page of ranked matches", () => {
  it("is the first page of sorting them all, ties in the same order", () => {
    const ranked = fc.array(
      fc.record({ score: fc.integer({ min: 0, max: 5 }), createdAt: fc.integer({ max: 5 }) }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(ranked, fc.nat(70), (drawn, count) => {
        // Numbered, so that equal matches in another order would differ.
        const items = drawn.map((item, i) => ({ ...item, i }));
        const sorted = items.toSorted(byScoreDescending).slice(0, count);
        expect(firstInOrder(items, count, (i) => i.score, byScoreDescending)).toEqual(sorted);
      }),
    );
  });
});
