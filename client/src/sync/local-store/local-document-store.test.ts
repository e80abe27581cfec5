import "fake-indexeddb/auto";
import { MAX_BODY_LENGTH } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MAX_TAIL_ROWS } from "./compaction-policy.ts";
import { deleteDatabase } from "./idb.ts";
import { LocalDocumentStore } from "./local-document-store.ts";
import { storedRows, totalBytes } from "./stored-rows.ts";
import {
  bodies,
  type OpenCopy,
  openCopy,
  openWithChannel,
  post,
  startChannel,
} from "./test-channel.ts";

let databases = 0;

/** A database name no other test uses. */
function freshName(): string {
  databases += 1;
  return `test-log-${databases}`;
}

/** Posts messages one by one, each stored before the next (one row each). */
async function postEach(copy: OpenCopy, threadId: string, texts: string[]): Promise<void> {
  for (const body of texts) {
    post(copy.doc, threadId, body);
    await copy.store.flush();
  }
}

function numbered(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix} ${i}`);
}

describe("the local document store", () => {
  it("loads what an earlier copy stored", async () => {
    const name = freshName();
    const first = await openWithChannel(name);
    await postEach(first, first.threadId, ["second", "third"]);
    await first.store.destroy();

    const again = await openCopy(name);
    expect(bodies(again.doc, first.threadId)).toEqual(["first", "second", "third"]);
    await again.store.destroy();
  });

  it("starts empty when an eviction deletes the log while its lock is asked for", async () => {
    const name = freshName();
    const first = await openWithChannel(name);
    await first.store.destroy();
    // An eviction in another tab holds the log's lock while it deletes the log.
    let evict = () => {};
    const evicting = new Promise<void>((resolve) => {
      evict = resolve;
    });
    const evictionDone = navigator.locks.request(name, { mode: "exclusive" }, async () => {
      await evicting;
      await deleteDatabase(name);
    });

    const doc = new Y.Doc();
    const store = new LocalDocumentStore(name, doc);
    // The store reads the log while it waits for the lock (its rows are there), then the
    // eviction deletes it: the connection closes itself, and the store reads again, empty.
    // (A read-only transaction runs after the read-write ones created before it: the store's.)
    expect(await storedRows(name)).toHaveLength(1);
    evict();
    await Promise.all([evictionDone, store.loaded]);
    expect(doc.getMap("threads").size).toBe(0);

    // It stores what is written next, in the new log.
    startChannel(doc);
    await store.destroy();
    expect(await storedRows(name)).toHaveLength(1);
  });

  it("keeps what was written just before the page went away, without an explicit flush", async () => {
    const name = freshName();
    const tab = await openWithChannel(name);
    post(tab.doc, tab.threadId, "typed offline");

    const reloaded = await openCopy(name);
    expect(bodies(reloaded.doc, tab.threadId)).toEqual(["first", "typed offline"]);
    await Promise.all([tab.store.destroy(), reloaded.store.destroy()]);
  });

  it("does not write back what it loaded, and merges the rows on load", async () => {
    const name = freshName();
    const first = await openWithChannel(name);
    await postEach(first, first.threadId, ["a", "b", "c"]);
    await first.store.destroy();
    const before = await storedRows(name);
    expect(before).toHaveLength(4);

    const again = await openCopy(name);
    await again.store.destroy();
    const after = await storedRows(name);
    expect(after.length).toBeLessThanOrEqual(2);
    expect(totalBytes(after)).toBeLessThanOrEqual(totalBytes(before));
    const merged = await openCopy(name);
    expect(bodies(merged.doc, first.threadId)).toEqual(["first", "a", "b", "c"]);
    await merged.store.destroy();
  });

  it("bounds the rows while writing and across reloads, with the same content", async () => {
    const name = freshName();
    const tab = await openWithChannel(name);
    const { threadId } = tab;
    const texts = numbered("message", MAX_TAIL_ROWS * 2 + 30);
    await postEach(tab, threadId, texts);
    expect((await storedRows(name)).length).toBeLessThanOrEqual(MAX_TAIL_ROWS + 1);
    await tab.store.destroy();

    const expected = ["first", ...texts];
    for (let reload = 0; reload < 20; reload++) {
      const again = await openCopy(name);
      expect(bodies(again.doc, threadId)).toEqual(expected);
      await postEach(again, threadId, [`after reload ${reload}`]);
      expected.push(`after reload ${reload}`);
      await again.store.destroy();
    }
    const last = await openCopy(name);
    expect(bodies(last.doc, threadId)).toEqual(expected);
    const rows = await storedRows(name);
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(totalBytes(rows)).toBeLessThan(2 * Y.encodeStateAsUpdate(last.doc).byteLength);
    await last.store.destroy();
  });

  it("merges a long tail of small updates without rewriting a large channel", async () => {
    const name = freshName();
    const long = Array.from(
      { length: 10 },
      (_, i) => `${i} ${"long ".repeat(MAX_BODY_LENGTH / 6)}`,
    );
    const tab = await openWithChannel(name, long);
    const [base] = await storedRows(name);
    const texts = numbered("short", MAX_TAIL_ROWS + 10);
    await postEach(tab, tab.threadId, texts);
    await tab.store.destroy();

    const rows = await storedRows(name);
    expect(rows.length).toBeLessThan(20);
    expect(rows[0]).toEqual(base);
    const again = await openCopy(name);
    expect(bodies(again.doc, tab.threadId)).toEqual(["first", ...long, ...texts]);
    await again.store.destroy();
  });

  it("loses nothing when two tabs append and compact the same database", async () => {
    const name = freshName();
    const left = await openWithChannel(name);
    const right = await openCopy(name);
    const { threadId } = left;
    Y.applyUpdate(right.doc, Y.encodeStateAsUpdate(left.doc), "server");
    const fromLeft = numbered("left", MAX_TAIL_ROWS + 20);
    const fromRight = numbered("right", MAX_TAIL_ROWS + 20);
    await Promise.all([postEach(left, threadId, fromLeft), postEach(right, threadId, fromRight)]);
    await Promise.all([left.store.destroy(), right.store.destroy()]);

    const merged = await openCopy(name);
    const seen = bodies(merged.doc, threadId);
    expect(seen).toHaveLength(1 + fromLeft.length + fromRight.length);
    expect(new Set(seen)).toEqual(new Set(["first", ...fromLeft, ...fromRight]));
    await merged.store.destroy();
  });

  it("forgets everything on clear(), including what was not written yet", async () => {
    const name = freshName();
    const tab = await openWithChannel(name);
    post(tab.doc, tab.threadId, "refused");
    await tab.store.clear();

    expect(await storedRows(name)).toEqual([]);
    const again = await openCopy(name);
    expect(bodies(again.doc, tab.threadId)).toEqual([]);
    await again.store.destroy();
  });
});
