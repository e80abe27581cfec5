import { describe, expect, it } from "vitest";
import { isHandle, mentionSpans, parseMentions } from "../src/index.ts";

describe("parseMentions", () => {
  it.each([
    ["@alice can you look?", ["alice"]],
    ["ping @Alice and @BOB", ["alice", "bob"]],
    ["@bob @alice @bob @Bob", ["bob", "alice"]],
    ["write to alice@example.com or a@b.com", []],
    ["(@alice), [@bob]: @carol! @dave? @erin;", ["alice", "bob", "carol", "dave", "erin"]],
    ["ask @alice.", ["alice"]],
    ["thanks @alice...", ["alice"]],
    ["@j.doe and @ci-bot and @x_y", ["j.doe", "ci-bot", "x_y"]],
    ["line one\n@bob on line two", ["bob"]],
    ["@alicé is glued to an accent", []],
    ["é@bob is glued to a word", []],
    ["@bob\u0301 has a combining accent", []],
    ["«@bob» — @alice’s turn", ["bob", "alice"]],
    ["@@bob and @ alone and @-dash and @_under", []],
    ["see https://example.com/@bob", []],
    [`@${"a".repeat(32)} fits`, ["a".repeat(32)]],
    [`@${"a".repeat(33)} is too long`, []],
    ["mail@alice is an address", []],
    ["", []],
  ])("%j -> %j", (body, expected) => {
    expect(parseMentions(body)).toEqual(expected);
  });

  it("only returns valid handles", () => {
    for (const handle of parseMentions("@a @b.c @d-e @f_g @Z9"))
      expect(isHandle(handle)).toBe(true);
  });
});

describe("mentionSpans", () => {
  it("gives each mention's place as typed, repeats included, punctuation left out", () => {
    const text = "ping @Alice, then @bob. and @alice again; mail a@b.com";
    const spans = mentionSpans(text);
    expect(spans.map(({ start, end }) => text.slice(start, end))).toEqual([
      "@Alice",
      "@bob",
      "@alice",
    ]);
    expect(spans.map((span) => span.handle)).toEqual(["alice", "bob", "alice"]);
  });
});
