import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { dexieIndexStore, forEachSavedSegment, type IndexStore } from "./index-store.ts";
import { INDEX_FORMAT, type IndexedMessage, SearchIndex } from "./search-index.ts";

function message(id: string, channelId: string): IndexedMessage {
  return {
    id,
    channelId,
    threadId: "t1",
    forkId: null,
    authorId: "u1",
    createdAt: Date.parse("2025-01-10T12:00:00Z"),
    pinned: false,
    hasFork: false,
    hasLink: false,
    body: `words of ${id}`,
  };
}

const FACTS = { format: INDEX_FORMAT, builtAt: 1, savedAt: 2, vectors: {} };

/** The saved index, read a segment at a time. */
async function loadIndex(store: IndexStore): Promise<SearchIndex> {
  const saved = await store.load();
  const index = SearchIndex.empty();
  if (saved === undefined) throw new Error("nothing saved");
  const whole = await forEachSavedSegment(store, saved, (segment) => index.restore(segment));
  expect(whole).toBe(true);
  return index;
}

describe("the saved index", () => {
  it("rewrites only changed segments and forgets segments no longer in the index", async () => {
    const index = SearchIndex.empty();
    for (const id of ["a", "b"]) index.put(message(id, "c1"));
    index.put(message("c", "c2"));
    const store = dexieIndexStore("segments");
    const first = await index.unsaved();
    await store.save({ ...FACTS, segments: first });
    index.markSaved(first);

    index.removeChannel("c2");
    index.put(message("d", "c1"));
    const second = await index.unsaved();
    expect(second.changed).toHaveLength(1);
    await store.save({ ...FACTS, segments: second });

    expect((await store.load())?.builtAt).toBe(1);
    const loaded = await loadIndex(store);
    expect(loaded.channelIds()).toEqual(["c1"]);
    expect([...loaded.channelMessageIds("c1")].sort()).toEqual(["a", "b", "d"]);
    store.close();
  });

  it("reads segments newest first and stops at one missing", async () => {
    const index = SearchIndex.empty();
    index.put(message("old", "c1"));
    index.put({ ...message("new", "c2"), createdAt: Date.parse("2025-01-11T12:00:00Z") });
    const store = dexieIndexStore("newest-first");
    await store.save({ ...FACTS, segments: await index.unsaved() });
    const saved = await store.load();
    if (saved === undefined) throw new Error("nothing saved");
    const channels: string[] = [];
    await forEachSavedSegment(store, saved, (segment) => channels.push(segment.channelId));
    expect(channels).toEqual(["c2", "c1"]);

    const gone = { ...saved, segmentIds: [...saved.segmentIds, 99] };
    expect(await forEachSavedSegment(store, gone, () => {})).toBe(false);
    store.close();
  });
});
