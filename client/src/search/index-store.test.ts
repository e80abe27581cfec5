import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { dexieIndexStore } from "./index-store.ts";
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
    body: `words of ${id}`,
  };
}

const FACTS = { format: INDEX_FORMAT, builtAt: 1, savedAt: 2, vectors: {} };

describe("the saved index", () => {
  it("rewrites only changed segments and forgets segments no longer in the index", async () => {
    const index = SearchIndex.empty();
    for (const id of ["a", "b"]) index.put(message(id, "c1"));
    index.put(message("c", "c2"));
    const store = dexieIndexStore("segments");
    const first = index.unsaved();
    await store.save({ ...FACTS, segments: first });
    index.markSaved(first);

    index.removeChannel("c2");
    index.put(message("d", "c1"));
    const second = index.unsaved();
    expect(second.changed).toHaveLength(1);
    await store.save({ ...FACTS, segments: second });

    const saved = await store.load();
    expect(saved?.builtAt).toBe(1);
    const loaded = SearchIndex.fromPlain(saved?.plain ?? { segments: [] });
    expect(loaded.channelIds()).toEqual(["c1"]);
    expect([...loaded.channelMessageIds("c1")].sort()).toEqual(["a", "b", "d"]);
    store.close();
  });
});
