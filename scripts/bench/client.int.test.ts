// The client benchmark (scripts/bench/client.ts) at a tiny size, end to end, so it cannot rot
// unseen: the client is built, a channel is seeded into the real server, a Node provider syncs
// it, and Chromium shows its newest message cold and on warm reloads. Nothing here asserts a time.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { SizeResult } from "./client-format.ts";
import { benchJson } from "./lib/bench-json.ts";

const BENCH = fileURLToPath(new URL("./client", import.meta.url));
// It builds the client itself, as when run by hand.
const ARGS = ["--sizes", "50", "--reloads", "2", "--json"];
// A hang, not a slow machine: the run takes a few seconds.
const DEADLINE_MS = 120_000;

describe("the client benchmark", () => {
  it(
    "opens a seeded channel's newest message in Chromium, cold and warm",
    async () => {
      const [result, ...others] = await benchJson<SizeResult[]>(BENCH, ARGS, DEADLINE_MS);
      expect(others).toEqual([]);
      if (result === undefined || "error" in result) throw new Error(JSON.stringify(result));
      expect(result.messages).toBe(50);
      expect(result.channel.messages).toBe(50);
      expect(result.channel.threads).toBeGreaterThan(0);
      expect(result.channel.newestBody).not.toBe("");
      expect(result.browser.warmMs).toHaveLength(2);
      expect(result.browser.indexedDbAfterColdBytes).toBeGreaterThan(0);
      expect(result.browser.coldHeapBytes).toBeGreaterThan(0);
    },
    DEADLINE_MS + 5_000,
  );
});
