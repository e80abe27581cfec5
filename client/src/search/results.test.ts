import { describe, expect, it } from "vitest";
import { groupResults, mergeResults, type ResultItem, snippetSegments } from "./results.ts";

function item(messageId: string, threadId: string, source: ResultItem["source"]): ResultItem {
  return {
    messageId,
    channelId: "c1",
    threadId,
    threadTitle: threadId,
    forkId: null,
    authorId: "u",
    createdAt: 0,
    segments: [],
    source,
  };
}

describe("search results", () => {
  it("read the server's snippet markers as matched segments", () => {
    expect(snippetSegments("…the \u0002payments\u0003 service")).toEqual([
      { text: "…the ", match: false },
      { text: "payments", match: true },
      { text: " service", match: false },
    ]);
  });

  it("merge local and server hits without duplicates, local first", () => {
    const merged = mergeResults(
      [item("a", "t1", "local")],
      [item("a", "t1", "server"), item("b", "t2", "server")],
    );
    expect(merged.map((i) => `${i.messageId}:${i.source}`)).toEqual(["a:local", "b:server"]);
    expect(groupResults(merged)[0]?.threads.map((t) => t.threadId)).toEqual(["t1", "t2"]);
  });
});
