import { describe, expect, it } from "vitest";
import {
  type ChannelUnread,
  channelUnread,
  firstUnread,
  NO_POSITIONS,
  nextUnread,
  type Reader,
  readStampOf,
  threadUnread,
} from "./unread.ts";
import { message, stamp, summary } from "./unread-fixtures.ts";

const ME: Reader = { id: "me", handle: "ada" };

describe("read positions", () => {
  it("takes the later of the thread's and the channel's position", () => {
    const positions = {
      channel: stamp(5),
      threads: new Map([
        ["a", stamp(9)],
        ["b", stamp(2)],
      ]),
    };
    expect(readStampOf(positions, "a")).toBe(stamp(9));
    expect(readStampOf(positions, "b")).toBe(stamp(5));
    expect(readStampOf(positions, "c")).toBe(stamp(5));
    expect(readStampOf(NO_POSITIONS, "c")).toBeNull();
  });
});

describe("threadUnread", () => {
  const messages = [
    message("old", 10),
    message("mine", 20, { author: { kind: "human", id: "me" }, mentions: ["ada"] }),
    message("new", 30),
    message("gone", 31, { deleted: true }),
    message("ping", 40, { mentions: ["ada", "bob"] }),
    message("other", 50, { mentions: ["bob"] }),
  ];

  it("counts others' live messages after the position, and those naming the reader", () => {
    const result = threadUnread(summary("t1", 50), messages, stamp(10), ME);
    expect(result.unread).toBe(3);
    expect(result.mentions.map((m) => m.id)).toEqual(["ping"]);
    expect(result.latest).toBe(stamp(50));
  });

  it("counts everything unread without a position, nothing once read to the end", () => {
    expect(threadUnread(summary("t1", 50), messages, null, ME).unread).toBe(4);
    expect(threadUnread(summary("t1", 50), messages, stamp(50), ME).unread).toBe(0);
  });

  it("finds the first unread message (not one's own, not a deleted one) and counts from it", () => {
    expect(firstUnread(messages, stamp(10), ME)).toEqual({ messageId: "new", count: 3 });
    expect(firstUnread(messages, null, ME)).toEqual({ messageId: "old", count: 4 });
    expect(firstUnread(messages, stamp(50), ME)).toBeNull();
  });

  it("matches the handle case-insensitively", () => {
    const shouting = [message("x", 60, { mentions: ["ada"] })];
    const result = threadUnread(summary("t1", 60), shouting, null, { id: "me", handle: "Ada" });
    expect(result.mentions).toHaveLength(1);
  });
});

describe("channelUnread", () => {
  it("skips threads read past their last activity without reading them", () => {
    const read: string[] = [];
    const stampsGiven: (string | null)[] = [];
    const messagesOf = (threadId: string, readStamp: string | null) => {
      read.push(threadId);
      stampsGiven.push(readStamp);
      return [message(`${threadId}-m`, 30, { mentions: ["ada"] })];
    };
    const positions = { channel: stamp(20), threads: new Map([["b", stamp(40)]]) };
    const result = channelUnread(
      "c1",
      [summary("a", 30), summary("b", 30), summary("c", 10)],
      messagesOf,
      positions,
      ME,
    );
    expect(read).toEqual(["a"]);
    expect(stampsGiven).toEqual([stamp(20)]);
    expect(result).toMatchObject({ channelId: "c1", unread: 1, mentions: 1 });
    expect(result.threads.map((t) => t.threadId)).toEqual(["a"]);
  });
});

describe("a thread not held here, counted from its digest", () => {
  /** A digest's tail of `count` messages at stamps 1..count, the first `mine` written by me. */
  function digested(count: number, messageCount: number, mine = 0) {
    const recent = Array.from({ length: count }, (_, i) => ({
      stamp: stamp(i + 1),
      authorId: i < mine ? ME.id : "other",
    }));
    return { ...summary("t", count), messageCount, digest: { recent } as never };
  }

  it("counts others' messages of the tail past the read position, exactly", () => {
    const result = channelUnread(
      "c1",
      [digested(20, 20, 3)],
      () => undefined,
      { channel: stamp(10), threads: new Map() },
      ME,
      () => 2,
    );
    expect(result).toMatchObject({ unread: 10, more: false, mentions: 2 });
  });

  it("says more when the whole tail is unread and the thread is longer", () => {
    const long = channelUnread("c1", [digested(20, 35)], () => undefined, NO_POSITIONS, ME);
    expect(long).toMatchObject({ unread: 20, more: true });
    const short = channelUnread("c1", [digested(20, 20)], () => undefined, NO_POSITIONS, ME);
    expect(short).toMatchObject({ unread: 20, more: false });
  });
});

describe("nextUnread", () => {
  const entry = (channelId: string, ...threadIds: string[]): [string, ChannelUnread] => [
    channelId,
    {
      channelId,
      unread: threadIds.length,
      more: false,
      mentions: 0,
      threads: threadIds.map((threadId) => ({
        threadId,
        title: threadId,
        unread: 1,
        more: false,
        mentions: [],
        mentionCount: 0,
        readStamp: null,
        latest: stamp(1),
      })),
    },
  ];
  const unread = new Map([entry("a", "a1", "a2"), entry("c", "c1")]);
  const order = ["a", "b", "c"];

  it("goes to the next unread thread, across channels, wrapping around", () => {
    expect(nextUnread(order, unread, null)).toEqual({ channelId: "a", threadId: "a1" });
    expect(nextUnread(order, unread, { channelId: "a", threadId: "a1" })).toEqual({
      channelId: "a",
      threadId: "a2",
    });
    expect(nextUnread(order, unread, { channelId: "a", threadId: "a2" })).toEqual({
      channelId: "c",
      threadId: "c1",
    });
    expect(nextUnread(order, unread, { channelId: "c", threadId: "c1" })).toEqual({
      channelId: "a",
      threadId: "a1",
    });
  });

  it("starts from the current channel when the current thread is already read", () => {
    expect(nextUnread(order, unread, { channelId: "b", threadId: "b9" })).toEqual({
      channelId: "c",
      threadId: "c1",
    });
  });

  it("is null when nothing else is unread", () => {
    const one = new Map([entry("a", "a1")]);
    expect(nextUnread(order, one, { channelId: "a", threadId: "a1" })).toBeNull();
    expect(nextUnread(order, new Map(), null)).toBeNull();
  });
});
