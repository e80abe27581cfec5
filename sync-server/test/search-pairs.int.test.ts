// A quoted phrase is answered from the word-pair index (search/word-pairs.ts) instead of FTS5
// checking its words' positions. On random small corpora (accents precomposed and not, case,
// repeated words, Chinese, emoji, characters SQLite's tokenizer splits differently from
// JavaScript), written, rewritten and partly deleted, every phrase query gives exactly the
// rows, in the same order with the same scores, that the position check gives. And a database
// from before the pair index answers phrases as before until its pairs are written at start.
// The pairs' split of words in JavaScript is checked against SQLite's tokenizer for every code
// point.
import { readFileSync } from "node:fs";
import { parseSearchQuery } from "@openvibe/schema";
import Database from "better-sqlite3";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/open-database.ts";
import { createLogger } from "../src/logger.ts";
import { toMatchExpression, WORD } from "../src/search/fts-query.ts";
import { toIndexText } from "../src/search/index-text.ts";
import { backfillWordPairs } from "../src/search/pairs-backfill.ts";
import { type IndexRow, onlyChannels, SearchIndex } from "../src/search/search-index.ts";
import { SPLIT_BY_SQLITE, SQLITE_WORD } from "../src/search/word-pairs.ts";
import { temporaryDataDir } from "./support/test-server.ts";

const NOW = Date.UTC(2025, 0, 1);
const WORDS = [
  "Café",
  "cafe",
  "CAFÉ",
  "cafe\u0301", // the accent as a combining mark
  "naïve",
  "naive",
  "Søren",
  "soren",
  "the",
  "The",
  "deploy",
  "Friday",
  "東京",
  "会議",
  "🎉",
  "µ",
  "μ",
  "straße",
  "x\u166dy", // one word to JavaScript, two to SQLite's unicode61
  "100₽", // two words to JavaScript, one to SQLite's unicode61
  "a\u2066b", // likewise (a bidi isolate)
  "👍🏽", // likewise (a skin tone)
  "\u0301", // a lone accent: a word folded to nothing
];
/** More than CHANNEL_FACETS_MAX: a phrase with no other filter is read by scanOnePhrase. */
const CHANNELS = ["a", "b", "c", "d", "e", "f"];

const row = (i: number, words: readonly string[], channelId: string): IndexRow => ({
  messageId: `m${i}`,
  channelId,
  threadId: "t",
  threadTitle: "t",
  forkId: null,
  authorId: "u",
  authorKind: "human",
  createdAt: new Date(NOW - i * 60_000).toISOString(),
  createdMs: NOW - i * 60_000,
  pinned: false,
  hasFork: false,
  body: toIndexText(words.join(" ")),
  mentions: [],
});

/** A page of every candidate, as rank() gives it (ids and scores). */
function ranked(index: SearchIndex, query: string, channels: readonly string[], cap: number) {
  const match = toMatchExpression(parseSearchQuery(query).terms);
  if (match === null) return [];
  return index
    .rank(match, onlyChannels(channels), {
      maxRowId: index.newestRow(),
      cap,
      nowMs: NOW,
      offset: 0,
      limit: 1000,
    })
    .map((hit) => [hit.rowId, hit.score, hit.total]);
}

describe("word-pair index", () => {
  it("answers every phrase with exactly the rows the position check gives", () => {
    const db = openDatabase(temporaryDataDir(), { synchronous: "normal" });
    const sqlite = db.$client;
    const index = new SearchIndex(sqlite);
    const positions = new SearchIndex(sqlite, { wordPairs: false });
    let found = 0;
    try {
      fc.assert(
        fc.property(
          fc.array(
            fc.record({
              words: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 10 }),
              channelId: fc.constantFrom(...CHANNELS),
            }),
            { minLength: 1, maxLength: 30 },
          ),
          // Rewritten (an edit, a streamed reply) and deleted messages.
          fc.array(fc.tuple(fc.nat(), fc.array(fc.constantFrom(...WORDS), { maxLength: 10 })), {
            maxLength: 5,
          }),
          fc.array(fc.nat(), { maxLength: 5 }),
          // A phrase taken from a message (so it often matches), or of any words.
          fc.record({
            fromMessage: fc.constantFrom(true, true, true, false),
            at: fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 2, max: 4 })),
            words: fc.array(fc.constantFrom(...WORDS), { minLength: 2, maxLength: 3 }),
          }),
          fc.record({
            channels: fc.subarray(CHANNELS, { minLength: 5 }),
            cap: fc.integer({ min: 3, max: 40 }),
          }),
          (messages, rewrites, deletions, phrase, reader) => {
            sqlite.exec("DELETE FROM search_messages");
            const rows = messages.map((message, i) => row(i, message.words, message.channelId));
            index.write(rows);
            index.write(
              rewrites.flatMap(([at, words]) => {
                const old = rows[at % rows.length];
                return old === undefined || words.length === 0
                  ? []
                  : [{ ...old, body: toIndexText(words.join(" ")) }];
              }),
              deletions.map((at) => `m${at % rows.length}`),
            );
            const [message, start, length] = phrase.at;
            const source = messages[message % messages.length]?.words ?? [];
            const from = start % Math.max(1, source.length - 1);
            const words = phrase.fromMessage ? source.slice(from, from + length) : phrase.words;
            const query = `"${words.join(" ")}" `;
            const expected = ranked(positions, query, reader.channels, reader.cap);
            expect(ranked(index, query, reader.channels, reader.cap)).toEqual(expected);
            found += expected.length;
          },
        ),
        { numRuns: 300 },
      );
    } finally {
      sqlite.close();
    }
    // The property says little if most phrases find nothing.
    expect(found).toBeGreaterThan(50);
  });

  it("answers phrases from positions until an older database's pairs are written at start", () => {
    const db = openDatabase(temporaryDataDir(), { synchronous: "normal" });
    const sqlite = db.$client;
    const index = new SearchIndex(sqlite);
    // Rows indexed before migration 0021: no pairs.
    new SearchIndex(sqlite, { wordPairs: false }).write([
      row(0, ["deploy", "Friday", "the", "cafe"], "a"),
      row(1, ["Friday", "deploy"], "a"),
      row(2, ["Déploy", "friday"], "a"),
    ]);
    expect(index.pairsCoverEveryRow()).toBe(false);
    const before = ranked(index, '"deploy friday" ', ["a"], 10);
    expect(before.map(([rowId]) => rowId).sort()).toEqual([1, 3]);

    backfillWordPairs(index, createLogger("silent"));
    expect(index.pairsCoverEveryRow()).toBe(true);
    expect(ranked(index, '"deploy friday" ', ["a"], 10)).toEqual(before);
    expect(
      sqlite
        .prepare("SELECT rowid FROM search_pairs WHERE search_pairs MATCH ? ORDER BY rowid")
        .all('"deploy\uE000friday"'),
    ).toEqual([{ rowid: 1 }, { rowid: 3 }]);
    sqlite.close();
  });

  it("splits words as SQLite's tokenizer does, for every code point", () => {
    const sqlite = new Database(":memory:");
    const tokenizer = /tokenize="[^"]*"/.exec(
      readFileSync(new URL("../drizzle/0021_search_pairs.sql", import.meta.url), "utf8"),
    )?.[0];
    sqlite.exec(`CREATE VIRTUAL TABLE probe USING fts5(text, ${tokenizer});
      CREATE VIRTUAL TABLE probe_vocab USING fts5vocab(probe, instance);`);
    const insert = sqlite.prepare<[number, string]>(
      "INSERT INTO probe (rowid, text) VALUES (?, ?)",
    );
    const pairWord = new RegExp(`^${SQLITE_WORD.source}$`, "u");
    const queryWord = new RegExp(`^${WORD.source}$`, "u");
    const expected = { kept: 0, split: 0 };
    sqlite.transaction(() => {
      for (let code = 1; code <= 0xe0fff; code++) {
        // Surrogates reach SQLite as U+FFFD; planes 4 to 13 are unassigned.
        if ((code >= 0xd800 && code <= 0xdfff) || (code >= 0x40000 && code < 0xe0000)) continue;
        const character = String.fromCodePoint(code);
        expected[pairWord.test(character) ? "kept" : "split"] += 1;
        insert.run(code, `q${character}q`);
      }
    })();
    // "q?q" is two tokens where the character separates words.
    const separators = sqlite
      .prepare<[], { code: number }>(
        "SELECT doc AS code FROM probe_vocab WHERE term = 'q' AND offset = 1",
      )
      .all()
      .map(({ code }) => String.fromCodePoint(code));
    expect(separators.length).toBe(expected.split);
    for (const character of separators) {
      expect(pairWord.test(character)).toBe(false);
      // A query word never holds a separator, but for those of SPLIT_BY_SQLITE.
      expect(queryWord.test(character)).toBe(SPLIT_BY_SQLITE.test(character));
    }
    sqlite.close();
  }, 30_000);
});
