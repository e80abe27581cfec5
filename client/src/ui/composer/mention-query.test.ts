import { describe, expect, it } from "vitest";
import { replaceQuery } from "./completion.ts";
import {
  type MentionCandidate,
  matchCandidates,
  mentionQueryAt,
  mentionText,
} from "./mention-query.ts";

const people: MentionCandidate[] = [
  { id: "u1", avatarColor: "#2f5aa8", handle: "member", displayName: "Mem Ber", kind: "human" },
  { id: "u2", avatarColor: "#2f5aa8", handle: "claude", displayName: "Claude", kind: "agent" },
  { id: "u3", avatarColor: "#2f5aa8", handle: "ada", displayName: "Ada Lovelace", kind: "human" },
  { id: "u4", avatarColor: "#2f5aa8", handle: "lin", displayName: "Marie Curie", kind: "human" },
];

describe("mention autocomplete", () => {
  it("finds the @query before the caret, not in e-mail addresses", () => {
    expect(mentionQueryAt("hi @Cla", 7)).toEqual({ start: 3, query: "cla" });
    expect(mentionQueryAt("@", 1)).toEqual({ start: 0, query: "" });
    expect(mentionQueryAt("(@ad) x", 4)).toEqual({ start: 1, query: "ad" });
    expect(mentionQueryAt("mail a@b", 8)).toBeNull();
    expect(mentionQueryAt("hi @cla there", 13)).toBeNull();
  });

  it("ranks handle prefixes before name words", () => {
    expect(matchCandidates(people, "m").map((c) => c.handle)).toEqual(["member", "lin"]);
    expect(matchCandidates(people, "").map((c) => c.handle)).toEqual([
      "ada",
      "claude",
      "lin",
      "member",
    ]);
    expect(matchCandidates(people, "lov").map((c) => c.handle)).toEqual(["ada"]);
  });

  it("replaces the query with the handle and one space", () => {
    const text = "ask @cl about it";
    const query = mentionQueryAt(text, 7);
    if (query === null) throw new Error("no query");
    expect(replaceQuery(text, 7, query, mentionText("claude"))).toEqual({
      text: "ask @claude about it",
      caret: 12,
    });
  });
});
