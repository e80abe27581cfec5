// Snippets are cut in JavaScript from the body the ranking read (search/snippet.ts), no longer
// by FTS5's snippet() in a second query. On random messages, short and long, with sentences,
// accents, Chinese and emoji, and the queries people type, the snippet is exactly what FTS5's
// snippet(…, 24) returns for the same row.
import { parseSearchQuery } from "@openvibe/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/open-database.ts";
import { type TermsNeeded, toMatchExpression } from "../src/search/fts-query.ts";
import { toIndexText } from "../src/search/index-text.ts";
import { type IndexRow, SearchIndex } from "../src/search/search-index.ts";
import { SNIPPET_TOKENS, snippetOf } from "../src/search/snippet.ts";
import { temporaryDataDir } from "./support/test-server.ts";

const WORDS = ["budget", "plan", "Café", "deploying", "deployed", "東京", "🎉", "the", "a", "x"];
const GLUE = [" ", " ", " ", ", ", ". ", ": ", "\n", "  ", "!", "—"];
const QUERIES: readonly (readonly [string, TermsNeeded])[] = [
  ["budget ", "all"],
  ["plan budget ", "all"],
  ['"budget plan" ', "all"],
  ["deploying ", "all"],
  ["cafe ", "all"],
  ["東京 ", "all"],
  ["🎉 ", "all"],
  ["pla", "all"],
  ["budget cafe x ", "any"],
];

function row(body: string): IndexRow {
  return {
    messageId: "m",
    channelId: "c",
    threadId: "t",
    threadTitle: "t",
    forkId: null,
    authorId: "u",
    authorKind: "human",
    createdAt: "2025-01-01T00:00:00.000Z",
    createdMs: Date.UTC(2025, 0, 1),
    pinned: false,
    hasFork: false,
    body: toIndexText(body),
    mentions: [],
  };
}

describe("search snippets", () => {
  it("are what FTS5's snippet() cuts, for short and long messages", () => {
    const db = openDatabase(temporaryDataDir(), { synchronous: "normal" });
    const sqlite = db.$client;
    const index = new SearchIndex(sqlite);
    const fts5Snippet = sqlite.prepare<[string], { body: string; snippet: string }>(
      `SELECT m.body, snippet(search_fts, 0, char(2), char(3), '…', ${SNIPPET_TOKENS}) AS snippet
       FROM search_fts JOIN search_messages m ON m.id = search_fts.rowid
       WHERE search_fts MATCH ?`,
    );
    let compared = 0;
    let cut = 0;
    try {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...GLUE)), {
            minLength: 1,
            maxLength: 70,
            size: "max",
          }),
          fc.constantFrom(...QUERIES),
          (pieces, [text, needed]) => {
            sqlite.exec("DELETE FROM search_messages");
            index.write([row(pieces.map(([word, glue]) => word + glue).join(""))]);
            const match = toMatchExpression(parseSearchQuery(text).terms, new Map(), needed);
            if (match === null) throw new Error(`no match expression for ${text}`);
            for (const found of fts5Snippet.all(`body : (${match.expression})`)) {
              expect(snippetOf(found.body, match.phrases)).toBe(found.snippet);
              compared++;
              if (found.snippet.includes("…")) cut++;
            }
          },
        ),
        { numRuns: 800 },
      );
      // Long messages (cut around the matches) must be among those compared.
      expect(compared).toBeGreaterThan(200);
      expect(cut).toBeGreaterThan(50);
    } finally {
      sqlite.close();
    }
  });
});
