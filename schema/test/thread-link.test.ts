import { describe, expect, it } from "vitest";
import { parseThreadLink, threadPath } from "../src/thread-link.ts";

describe("thread links", () => {
  it("round-trips a thread and a fork", () => {
    const thread = { channelId: "C1", threadId: "T1", forkId: null };
    const fork = { channelId: "C1", threadId: "T1", forkId: "F1" };
    expect(threadPath(thread)).toBe("/c/C1/t/T1");
    expect(parseThreadLink(threadPath(thread))).toEqual(thread);
    expect(parseThreadLink(`https://chat.example${threadPath(fork)}?m=M1`)).toEqual(fork);
  });

  it("names no thread for other links", () => {
    for (const link of ["/c/C1", "/c/C1/settings", "/search", "/c/C1/t/T1/x/F", "/c/%E0/t/T"]) {
      expect(parseThreadLink(link), link).toBeNull();
    }
  });
});
