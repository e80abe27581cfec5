import { describe, expect, it } from "vitest";
import { isEmptySearch, isSearchDate, parseSearchQuery } from "../src/index.ts";

describe("parseSearchQuery", () => {
  it("reads words, phrases and the word being typed as a prefix", () => {
    expect(parseSearchQuery('deploy "release notes" fri').terms).toEqual([
      { kind: "word", text: "deploy", prefix: false },
      { kind: "phrase", text: "release notes" },
      { kind: "word", text: "fri", prefix: true },
    ]);
    expect(parseSearchQuery("deploy fri ").terms.at(-1)).toEqual({
      kind: "word",
      text: "fri",
      prefix: false,
    });
    expect(parseSearchQuery('an "open phrase').terms.at(-1)).toEqual({
      kind: "phrase",
      text: "open phrase",
    });
  });

  it("reads every filter, case-insensitively, several channels and authors", () => {
    const { filters, terms, problems } = parseSearchQuery(
      "in:#General in:ops from:@Alice from:claude has:fork HAS:File has:image has:LINK is:pinned in:fork before:2024-05-02 after:2024-01-31 x",
    );
    expect(filters).toEqual({
      channels: ["general", "ops"],
      authors: ["alice", "claude"],
      inFork: true,
      hasFork: true,
      hasFile: true,
      hasImage: true,
      hasLink: true,
      isPinned: true,
      before: "2024-05-02",
      after: "2024-01-31",
    });
    expect(terms).toEqual([{ kind: "word", text: "x", prefix: true }]);
    expect(problems).toEqual([]);
  });

  it("reports filters it cannot read and ignores them; other colons are words", () => {
    const parsed = parseSearchQuery("before:2024-02-30 has:cats is:x from:@ in:#bad! at 12:30 ");
    expect(parsed.problems).toHaveLength(5);
    expect(parsed.terms.map((t) => t.text)).toEqual(["at", "12:30"]);
    expect(parsed.filters.before).toBeNull();
    expect(parseSearchQuery('"in:#general"').terms).toEqual([
      { kind: "phrase", text: "in:#general" },
    ]);
  });

  it("keeps any script and emoji as words", () => {
    expect(parseSearchQuery("東京 שלום 🎉 ").terms.map((t) => t.text)).toEqual([
      "東京",
      "שלום",
      "🎉",
    ]);
  });

  it("knows an empty search", () => {
    expect(isEmptySearch(parseSearchQuery("   "))).toBe(true);
    expect(isEmptySearch(parseSearchQuery('""'))).toBe(true);
    expect(isEmptySearch(parseSearchQuery("is:pinned"))).toBe(false);
    expect(isSearchDate("2024-02-29")).toBe(true);
    expect(isSearchDate("2023-02-29")).toBe(false);
  });
});
