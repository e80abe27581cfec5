import type { ContextItemView } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { contextItemSection, rankContextItems } from "./context-items.ts";

let n = 0;
function item(text: string, scope: ContextItemView["scope"], threadId: string | null = null) {
  n += 1;
  return {
    id: `item-${n}`,
    kind: "fact",
    text,
    scope,
    channelId: scope === "workspace" ? null : "c1",
    threadId,
    source: "message",
    sourceChannelId: null,
    sourceThreadId: null,
    sourceMessageForkId: null,
    sourceMessageId: null,
    sourceForkId: null,
    sourceTaskId: null,
    author: { id: "u1", handle: "ann", displayName: "Ann", kind: "human" },
    createdAt: "2026-12-01T10:00:00.000Z",
    updatedAt: "2026-12-01T10:00:00.000Z",
    canManage: false,
  } satisfies ContextItemView;
}

describe("context items in a prompt", () => {
  it("puts the items sharing the mention's words first, then the nearest scope, then the newest", () => {
    // Newest first, as the server gives them.
    const newest = item("Lunch is at noon", "workspace");
    const ownThread = item("Lunch moved to the cafe", "thread", "t1");
    const otherThread = item("Lunch on Fridays is pizza", "thread", "t2");
    const relevant = item("The staging database is in Frankfurt", "workspace");
    const ranked = rankContextItems(
      [newest, ownThread, otherThread, relevant],
      { threadId: "t1" },
      "@bot where is the staging database?",
    );
    expect(ranked.map((i) => i.text)).toEqual([
      "The staging database is in Frankfurt",
      "Lunch moved to the cafe",
      "Lunch on Fridays is pizza",
      "Lunch is at noon",
    ]);
  });

  it("keeps only the items that fit the budget, in order, and says which", () => {
    const items = [item("a".repeat(200), "channel"), item("b".repeat(200), "channel")];
    const one = contextItemSection(items, 80);
    expect(one.shown.map((i) => i.id)).toEqual([items[0]?.id]);
    expect(one.text).toContain("<context-items>");
    expect(one.text).not.toContain("bbbb");
    expect(contextItemSection(items, 10)).toEqual({ text: "", shown: [] });
    expect(contextItemSection(items, 1_000).shown).toHaveLength(2);
  });
});
