// The words a mention is searched by: no @handles, links, filter syntax or stop words.
import { describe, expect, it } from "vitest";
import { MAX_QUERY_WORDS, relatedQuery } from "../src/context/related-query.ts";

describe("relatedQuery", () => {
  it.each([
    ["@claude when is the zebracorn launch?", "zebracorn launch "],
    ["@claude, @alice.b what's the plan for Q3 pricing?", "plan q3 pricing "],
    ["Can you check https://example.com/launch?x=1 for @claude", "check "],
    ['@claude in:#secret "exact" from:@bob before:2024-01-01', "secret exact 2024 01 "],
    ["Déploiement du café — Café!", "déploiement du café "],
    ["@claude 会議はいつ?", "会議はいつ "],
    ["email me at bob@example.com about Payments", "email bob example com payments "],
  ])("%s → %j", (body, query) => {
    expect(relatedQuery(body)).toBe(query);
  });

  it("is null when nothing is worth searching", () => {
    for (const body of ["@claude", "@claude can you help me?", "", "@claude ?!"])
      expect(relatedQuery(body)).toBeNull();
  });

  it(`keeps the first ${MAX_QUERY_WORDS} words, each once`, () => {
    const words = Array.from({ length: 30 }, (_, i) => `word${i % 20}`);
    expect(relatedQuery(words.join(" "))?.trim().split(" ")).toEqual(
      words.slice(0, MAX_QUERY_WORDS),
    );
  });
});
