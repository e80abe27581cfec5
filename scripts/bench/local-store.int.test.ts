// The local store benchmark (the client's IndexedDB store against y-indexeddb in Chromium,
// scripts/bench/local-store.ts) at a tiny size, end to end, so it cannot rot unseen: both stores
// are seeded, reloaded (the page checks each reload holds the whole channel), written to and
// counted. Nothing here asserts a time.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { benchJson } from "./lib/bench-json.ts";

const BENCH = fileURLToPath(new URL("./local-store", import.meta.url));
const ARGS = ["--sizes", "50", "--reloads", "2", "--writes", "2", "--json"];
// A hang, not a slow machine: the run takes a few seconds.
const DEADLINE_MS = 120_000;

interface Result {
  messages: number;
  store: string;
  stateBytes: number;
  seededBytes: number;
  rowsAfterReloads: number;
  bytesAfterReloads: number;
  rowsAfterWrites: number;
  bytesAfterWrites: number;
}

describe("the local store benchmark", () => {
  it(
    "stores, reloads and writes a channel in both stores and counts what they hold",
    async () => {
      const results = await benchJson<Result[]>(BENCH, ARGS, DEADLINE_MS);
      expect(results.map((r) => [r.messages, r.store])).toEqual([
        [50, "openvibe"],
        [50, "y-indexeddb"],
      ]);
      for (const result of results) {
        expect(result.stateBytes).toBeGreaterThan(0);
        expect(result.seededBytes).toBeGreaterThan(0);
        expect(result.rowsAfterReloads).toBeGreaterThan(0);
        expect(result.bytesAfterReloads).toBeGreaterThan(0);
        expect(result.rowsAfterWrites).toBeGreaterThan(0);
        expect(result.bytesAfterWrites).toBeGreaterThan(0);
      }
    },
    DEADLINE_MS + 5_000,
  );
});
