import type { MentionItem } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { mergeMentions } from "./mentions-inbox.ts";
import { message, stamp } from "./unread-fixtures.ts";
import type { MentionEntry } from "./unread-tracker.ts";

function item(id: string, at: number, extra: Partial<MentionItem> = {}): MentionItem {
  return {
    messageId: id,
    channelId: "c1",
    channelName: "design",
    threadId: "t1",
    threadTitle: "Plans",
    forkId: null,
    author: { kind: "human", id: "bob" },
    createdAt: stamp(at),
    excerpt: `server text of ${id}`,
    ...extra,
  };
}

function local(id: string, at: number, body: string): MentionEntry {
  return {
    channelId: "c1",
    threadId: "t1",
    threadTitle: "Plans",
    message: message(id, at, { body }),
    unread: true,
  };
}

describe("the mentions list", () => {
  it("joins the server's inbox and the held channels, newest first, one entry per message", () => {
    const readUpTo = stamp(15);
    const entries = mergeMentions(
      [item("a", 10), item("b", 20, { channelId: "c2", threadId: "t9" }), item("c", 30)],
      [local("c", 30, "edited here"), local("d", 40, "not on the server yet")],
      (_place, createdAt) => createdAt > readUpTo,
    );
    expect(entries.map((entry) => [entry.messageId, entry.unread, entry.excerpt])).toEqual([
      ["d", true, "not on the server yet"],
      ["c", true, "edited here"],
      ["b", true, "server text of b"],
      ["a", false, "server text of a"],
    ]);
    expect(entries[2]).toMatchObject({ channelId: "c2", threadId: "t9" });
  });
});
