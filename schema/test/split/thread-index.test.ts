// The thread index of a split channel document (docs/history-split.md): a server-written
// YKeyValue of digests that stays near its live size however often digests are rewritten, keeps
// only its window (plus threads with open forks or pins), resolves duplicate keys as YKeyValue
// does, and carries the last messages' stamps and authors for unread counts.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createFork,
  createManualEnv,
  createSplitThread,
  DIGEST_RECENT_MESSAGES,
  deleteMessage,
  deriveThreadIndexEntry,
  formatStamp,
  initSplitChannel,
  initThreadDocument,
  listThreadIndex,
  placeThreadDigest,
  plainThreadDigest,
  postMessage,
  readStoredThreadDigest,
  readThreadDigests,
  removeThreadDigest,
  repairThreadIndex,
  storedThreadDigest,
  THREAD_INDEX_WINDOW,
  type ThreadDigest,
  trimThreadIndex,
} from "../../src/index.ts";
import { alice, bob, syncInto } from "../support/channel.ts";

/** A digest of thread `n`, last active at `activityMs`, with a full `recent` tail. */
function digestAt(n: number, activityMs: number, extra: Partial<ThreadDigest> = {}): ThreadDigest {
  const stamp = formatStamp(activityMs);
  return {
    title: `thread ${n}`,
    status: "active",
    createdBy: alice,
    createdAt: formatStamp(1_700_000_000_000),
    messageCount: activityMs % 1_000,
    lastActivityAt: stamp,
    latestStamp: stamp,
    openForkCount: 0,
    pinned: [],
    recent: Array.from({ length: DIGEST_RECENT_MESSAGES }, (_, index) => ({
      stamp,
      authorId: index % 2 === 0 ? "alice" : "bob",
    })),
    ...extra,
  };
}

function channel(): Y.Doc {
  const doc = new Y.Doc();
  initSplitChannel(doc, "general");
  return doc;
}

/** The size of a document holding only `digests`, written once. */
function liveSize(digests: ReadonlyMap<string, ThreadDigest>): number {
  const doc = channel();
  for (const [threadId, digest] of digests) placeThreadDigest(doc, threadId, digest);
  return Y.encodeStateAsUpdate(doc).byteLength;
}

describe("the thread index's size", () => {
  it("stays near its live size after 20,000 digest rewrites (a Y.Map's does not)", () => {
    const threads = 150;
    const window = 100;
    const doc = channel();
    const asMap = new Y.Doc();
    let random = 7;
    for (let rewrite = 1; rewrite <= 20_000; rewrite += 1) {
      random = (random * 1_103_515_245 + 12_345) % 2_147_483_648;
      const threadId = `t${random % threads}`;
      const digest = digestAt(random % threads, 1_700_000_000_000 + rewrite);
      placeThreadDigest(doc, threadId, digest, window);
      asMap.getMap("threadDigests").set(threadId, digest);
    }
    const live = readThreadDigests(doc);
    expect(live.size).toBe(window);
    const size = Y.encodeStateAsUpdate(doc).byteLength;
    // What is left of 20,000 rewrites and every trim: deleted runs between live items.
    expect(size).toBeLessThan(liveSize(live) * 1.1 + 4_096);
    expect(Y.encodeStateAsUpdate(asMap).byteLength).toBeGreaterThan(size * 2);
  });
});

describe("the thread index's window", () => {
  it("keeps the most recently active threads and every one with open forks or pins", () => {
    const doc = channel();
    const pin = { messageId: "m1", by: alice, at: formatStamp(1_700_000_000_000) };
    const digests = new Map([
      ["old-pinned", digestAt(1, 1_700_000_000_001, { pinned: [pin] })],
      ["old-forked", digestAt(2, 1_700_000_000_002, { openForkCount: 1 })],
      ["old", digestAt(3, 1_700_000_000_003)],
      ["recent", digestAt(4, 1_700_000_000_004)],
      ["latest", digestAt(5, 1_700_000_000_005)],
    ]);
    for (const [threadId, digest] of digests) placeThreadDigest(doc, threadId, digest);
    expect(trimThreadIndex(doc, 2)).toEqual(["old"]);
    expect([...readThreadDigests(doc).keys()].sort()).toEqual([
      "latest",
      "old-forked",
      "old-pinned",
      "recent",
    ]);
    expect(trimThreadIndex(doc, 2)).toEqual([]);
    // A thread that becomes active again comes back in, and pushes the oldest one out.
    expect(placeThreadDigest(doc, "old", digestAt(3, 1_700_000_000_009), 2)).toEqual({
      written: true,
      removed: ["recent"],
    });
    // One still outside the window is not written at all.
    const before = Y.encodeStateAsUpdate(doc);
    expect(placeThreadDigest(doc, "older", digestAt(6, 1_700_000_000_000), 2)).toEqual({
      written: false,
      removed: [],
    });
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
    expect(removeThreadDigest(doc, "old-pinned")).toBe(true);
    expect(removeThreadDigest(doc, "old-pinned")).toBe(false);
    expect(readThreadDigests(doc).has("old-pinned")).toBe(false);
    expect(THREAD_INDEX_WINDOW).toBe(1000);
  });
});

describe("a digest as the index stores it", () => {
  it("packs recent into one string, reads back equal, and drops what does not unpack", () => {
    const doc = channel();
    const digest = digestAt(1, 1_700_000_000_001);
    placeThreadDigest(doc, "t1", digest);
    const [stored] = doc.getArray<{ key: string; val: Record<string, unknown> }>("threadIndex");
    expect(typeof stored?.val.recent).toBe("string");
    expect(stored?.val.recentAuthors).toEqual(["alice", "bob"]);
    expect(readThreadDigests(doc).get("t1")).toEqual(digest);
    // A server of another version, or a bug, wrote values that do not unpack.
    const unreadable = [
      { ...stored?.val, recent: "garbage" },
      { ...stored?.val, recentAuthors: ["alice"] },
      { ...stored?.val, recent: `${digest.lastActivityAt}z` },
    ];
    doc.getArray("threadIndex").push(unreadable.map((val, n) => ({ key: `bad${n}`, val })));
    expect([...readThreadDigests(doc).keys()]).toEqual(["t1"]);
    expect(trimThreadIndex(doc).sort()).toEqual(["bad0", "bad1", "bad2"]);
    expect(doc.getArray("threadIndex").length).toBe(1);
  });
});

describe("reading a stored digest (fuzzed)", () => {
  const stamp = fc.integer({ min: 0, max: 999_999_999_999_999 }).map(formatStamp);
  const actorId = fc.stringMatching(/^[^|]{1,40}$/);
  const digest = fc.record({
    messageCount: fc.nat(),
    lastActivityAt: stamp,
    recent: fc.array(fc.record({ stamp, authorId: actorId }), {
      maxLength: DIGEST_RECENT_MESSAGES,
    }),
  });

  it("gives back every digest it stored, and never throws on anything else", () => {
    fc.assert(
      fc.property(digest, ({ messageCount, lastActivityAt, recent }) => {
        const written = { ...digestAt(1, 1_700_000_000_000), messageCount, lastActivityAt, recent };
        expect(readStoredThreadDigest(storedThreadDigest(written))).toEqual(
          plainThreadDigest(written),
        );
      }),
    );
    const stored = storedThreadDigest(digestAt(1, 1_700_000_000_000));
    fc.assert(
      fc.property(fc.anything(), fc.anything(), (recent, recentAuthors) => {
        const read = readStoredThreadDigest({ ...stored, recent, recentAuthors });
        if (read !== undefined) expect(read.recent.length).toBeLessThanOrEqual(20);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 600 }), (recent) => {
        const read = readStoredThreadDigest({ ...stored, recent });
        for (const message of read?.recent ?? []) expect(message.stamp).toMatch(/^\d{15}\.\d{6}$/);
      }),
    );
  });
});

describe("two servers writing the same thread's digest", () => {
  it("converge on one digest, the rightmost as YKeyValue decides, and one item", () => {
    const first = channel();
    const second = new Y.Doc();
    syncInto(first, second);
    placeThreadDigest(first, "t1", digestAt(1, 1_700_000_000_001));
    placeThreadDigest(second, "t1", digestAt(1, 1_700_000_000_002));
    syncInto(first, second);
    syncInto(second, first);
    const read = [readThreadDigests(first), readThreadDigests(second)];
    expect(read[0]).toEqual(read[1]);
    expect(read[0]?.size).toBe(1);
    // Each server's writer removed the duplicate item when it arrived.
    syncInto(first, second);
    syncInto(second, first);
    for (const doc of [first, second]) {
      expect(doc.getArray("threadIndex").length).toBe(1);
      expect(readThreadDigests(doc)).toEqual(read[0]);
    }
  });
});

describe("a thread's digest", () => {
  it("carries the last live main-line messages' stamps and authors, for unread counts", () => {
    const env = createManualEnv();
    const threadDoc = new Y.Doc();
    const { threadId, messageId } = createSplitThread(() => threadDoc, alice, { body: "0" }, env);
    const posted: string[] = [messageId];
    for (let n = 1; n < 30; n += 1) {
      env.advance(1_000);
      const author = n % 3 === 0 ? alice : bob;
      posted.push(postMessage(threadDoc, author, { threadId, body: String(n) }, env));
    }
    env.advance(1_000);
    deleteMessage(threadDoc, bob, { messageId: posted[29] ?? "" }, env);
    createFork(threadDoc, bob, { messageId, body: "aside" }, env);
    const digest = deriveThreadIndexEntry(threadDoc);
    // Messages 9..28 (29 was deleted; the fork's message is not on the main line).
    expect(digest?.recent.map((message) => message.authorId)).toEqual(
      Array.from({ length: 20 }, (_, index) => ((index + 9) % 3 === 0 ? "alice" : "bob")),
    );
    // Alice read up to message 24: 25..28 are newer, of which 27 is her own.
    const readStamp = digest?.recent[15]?.stamp ?? "";
    const unread = digest?.recent.filter((m) => m.stamp > readStamp && m.authorId !== "alice");
    expect(unread).toHaveLength(3);
  });

  it("is written once per change, and repairing again writes nothing", () => {
    const env = createManualEnv();
    const server = channel();
    const threadDoc = new Y.Doc();
    const { threadId } = createSplitThread(() => threadDoc, alice, { body: "hi" }, env);
    initThreadDocument(threadDoc, "general", threadId);
    expect(repairThreadIndex(server, threadDoc)).toMatchObject({ threadId, written: true });
    const before = Y.encodeStateAsUpdate(server);
    expect(repairThreadIndex(server, threadDoc)).toMatchObject({ written: false, removed: [] });
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
    postMessage(threadDoc, bob, { threadId, body: "more" }, env);
    expect(repairThreadIndex(server, threadDoc)).toMatchObject({ written: true });
    expect(readThreadDigests(server).get(threadId)?.messageCount).toBe(2);
    expect(repairThreadIndex(server, new Y.Doc())).toBeUndefined();
  });
});

describe("listing a split channel's threads", () => {
  it("adds this device's threads the index lacks, once, and none of another channel", () => {
    const env = createManualEnv();
    const server = channel();
    const docs = new Map<string, Y.Doc>();
    const open = (threadId: string) => {
      const doc = new Y.Doc();
      docs.set(threadId, doc);
      return doc;
    };
    const digested = createSplitThread(open, alice, { body: "digested" }, env).threadId;
    env.advance(1_000);
    const pending = createSplitThread(open, alice, { body: "pending" }, env).threadId;
    env.advance(1_000);
    const elsewhere = createSplitThread(open, alice, { body: "elsewhere" }, env).threadId;
    initThreadDocument(docs.get(elsewhere) ?? new Y.Doc(), "random", elsewhere);
    repairThreadIndex(server, docs.get(digested) ?? new Y.Doc());
    const listed = listThreadIndex(server, docs.values());
    expect(listed.map(({ id, digest }) => [id, digest === null])).toEqual([
      [pending, true],
      [digested, false],
    ]);
    expect(listed[0]).toMatchObject({ title: "pending", messageCount: 1, createdBy: alice });
  });
});
