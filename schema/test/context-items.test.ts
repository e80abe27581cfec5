import { describe, expect, it } from "vitest";
import {
  type ContextItemPlace,
  canManageContextItem,
  itemTextOf,
  MAX_CONTEXT_ITEM_LENGTH,
  mergedPlace,
} from "../src/index.ts";

const thread = (channelId: string, threadId: string): ContextItemPlace => ({
  scope: "thread",
  channelId,
  threadId,
});
const channel = (channelId: string): ContextItemPlace => ({
  scope: "channel",
  channelId,
  threadId: null,
});
const workspace: ContextItemPlace = { scope: "workspace", channelId: null, threadId: null };

describe("merging context items", () => {
  it("keeps one thread's items in it, and widens only within one channel", () => {
    expect(mergedPlace([thread("c1", "t1"), thread("c1", "t1")])).toEqual(thread("c1", "t1"));
    expect(mergedPlace([thread("c1", "t1"), thread("c1", "t2")])).toEqual(channel("c1"));
    expect(mergedPlace([thread("c1", "t1"), channel("c1")])).toEqual(channel("c1"));
    expect(mergedPlace([workspace, workspace])).toEqual(workspace);
  });

  it("narrows a workspace item merged with a channel's to that channel, and never joins two channels", () => {
    expect(mergedPlace([workspace, channel("c1")])).toEqual(channel("c1"));
    expect(mergedPlace([workspace, thread("c1", "t1")])).toEqual(thread("c1", "t1"));
    expect(mergedPlace([channel("c1"), channel("c2")])).toBeNull();
    expect(mergedPlace([thread("c1", "t1"), workspace, thread("c2", "t1")])).toBeNull();
  });
});

describe("who manages a context item", () => {
  it("is its author or an admin", () => {
    expect(canManageContextItem({ id: "u1", role: "member" }, { authorId: "u1" })).toBe(true);
    expect(canManageContextItem({ id: "u2", role: "member" }, { authorId: "u1" })).toBe(false);
    expect(canManageContextItem({ id: "u3", role: "admin" }, { authorId: "u1" })).toBe(true);
    expect(canManageContextItem({ id: "u4", role: "guest" }, { authorId: "u1" })).toBe(false);
  });
});

describe("remembering a message", () => {
  it("cuts a long body to an item's length, marking the cut", () => {
    expect(itemTextOf("  We ship on Fridays \n")).toBe("We ship on Fridays");
    const long = itemTextOf("x".repeat(MAX_CONTEXT_ITEM_LENGTH + 10));
    expect(long).toHaveLength(MAX_CONTEXT_ITEM_LENGTH);
    expect(long.endsWith("…")).toBe(true);
  });
});
