// The cache of files seen: within the person's budget the least recently used go first, what it
// holds is reported, and clearing empties it. Real Dexie over fake-indexeddb.
import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { FileCache } from "./file-cache.ts";
import { FilesDatabase } from "./files-database.ts";

function budgetOf(bytes: number) {
  let value: string | null = String(bytes);
  return {
    get: () => value,
    set: (next: string) => {
      value = next;
    },
  };
}

const blob = (size: number) => new Blob([new Uint8Array(size)]);

describe("the cache of files seen", () => {
  it("keeps within its budget by dropping the least recently used, and clears", async () => {
    const cache = new FileCache(new FilesDatabase(`files-${Math.random()}`), budgetOf(250));
    await cache.put("a", "original", blob(100));
    await cache.put("b", "thumbnail", blob(100));
    expect(cache.usage.get()).toEqual({ bytes: 200, files: 2, budget: 250 });
    // Looking at "a" makes "b" the least recently used.
    expect((await cache.get("a", "original")).kind).toBe("ready");
    await cache.put("c", "original", blob(100));
    expect(cache.usage.get()).toEqual({ bytes: 200, files: 2, budget: 250 });
    expect((await cache.get("a", "original")).kind).toBe("ready");
    expect((await cache.get("c", "original")).kind).toBe("ready");

    await cache.setBudget(150);
    expect(cache.usage.get()).toMatchObject({ files: 1, budget: 150 });
    await cache.clear();
    expect(cache.usage.get()).toEqual({ bytes: 0, files: 0, budget: 150 });
  });
});
