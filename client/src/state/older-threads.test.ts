import { THREAD_INDEX_WINDOW, type ThreadDigest, type ThreadIndexSummary } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { mayHaveOlderThreads, olderSummaries } from "./older-threads.ts";
import { stamp, summary } from "./unread-fixtures.ts";

function digestAt(at: number, title: string): ThreadDigest {
  return {
    title,
    status: "active",
    createdBy: { kind: "human", id: "bob" },
    createdAt: stamp(1),
    messageCount: 3,
    lastActivityAt: stamp(at),
    latestStamp: stamp(at),
    openForkCount: 0,
    pinned: [],
    recent: [],
  };
}

function listed(count: number, digested: boolean): ThreadIndexSummary[] {
  return Array.from({ length: count }, (_, i) => {
    const digest = digested ? digestAt(1_000 + i, `t${i}`) : null;
    return { ...summary(`t${i}`, 1_000 + i), digest };
  });
}

describe("threads older than the channel's index", () => {
  it("may exist only once the index's window is full of digests", () => {
    expect(mayHaveOlderThreads(listed(THREAD_INDEX_WINDOW - 1, true))).toBe(false);
    expect(mayHaveOlderThreads(listed(THREAD_INDEX_WINDOW, true))).toBe(true);
    // Threads made here and not digested yet do not fill the window.
    expect(mayHaveOlderThreads(listed(THREAD_INDEX_WINDOW, false))).toBe(false);
  });

  it("list from their page's digests, leaving out those the index lists again", () => {
    const index = listed(2, true);
    const older = olderSummaries(
      [
        { threadId: "t1", digest: digestAt(5, "active again") },
        { threadId: "old", digest: digestAt(4, "Old plans") },
      ],
      index,
    );
    expect(older).toEqual([
      expect.objectContaining({ id: "old", title: "Old plans", messageCount: 3 }),
    ]);
  });
});
