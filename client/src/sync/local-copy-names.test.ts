import { describe, expect, it } from "vitest";
import { localCopyNames, unsyncedDocumentNames } from "./local-copy-names.ts";

/** A Storage over a Map (what localStorage offers, in memory). */
function memoryStorage(entries: Record<string, string>): Storage {
  const map = new Map(Object.entries(entries));
  return {
    get length() {
      return map.size;
    },
    key: (index) => [...map.keys()][index] ?? null,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
    clear: () => map.clear(),
  };
}

describe("local copies with unsynced changes", () => {
  it("names this person's documents whose count is above zero, thread documents included", () => {
    const thread = localCopyNames("u1", "thread:c1:t1").unsynced;
    const storage = memoryStorage({
      [thread]: "2",
      [localCopyNames("u1", "channel:c1").unsynced]: "0",
      [localCopyNames("u2", "thread:c1:t2").unsynced]: "5",
      [localCopyNames("u1", "thread:c1:t3").updates]: "1",
    });
    expect(unsyncedDocumentNames("u1", storage)).toEqual(["thread:c1:t1"]);
  });
});
