// The agents benchmark (streamed replies to many viewers, scripts/bench/agents.ts) at a tiny size,
// end to end, so it cannot rot unseen: in every variant the real bridge completes each reply and
// every viewer receives it. Nothing here asserts a time or a rate.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { benchJson } from "./lib/bench-json.ts";

const SCRIPT = fileURLToPath(new URL("./agents.ts", import.meta.url));
const ARGS = ["--streams", "2", "--viewers", "2", "--tokens", "20", "--token-ms", "0", "--json"];
// A hang, not a slow machine: the run takes a few seconds.
const DEADLINE_MS = 120_000;

interface Output {
  results: {
    variant: string;
    tokens: number;
    completed: number;
    updatesPerViewer: number;
    writtenPerToken: number;
    bytesPerToken: number;
  }[];
}

describe("the agents benchmark", () => {
  it(
    "streams every reply to every viewer in each variant",
    async () => {
      const { results } = await benchJson<Output>(process.execPath, [SCRIPT, ...ARGS], DEADLINE_MS);
      expect(results.map((r) => [r.variant, r.tokens, r.completed])).toEqual([
        ["per token", 40, 2],
        ["flush 10 ms", 40, 2],
        ["flush 50 ms", 40, 2],
      ]);
      for (const result of results) {
        expect(result.updatesPerViewer).toBeGreaterThan(0);
        expect(result.writtenPerToken).toBeGreaterThan(0);
        expect(result.bytesPerToken).toBeGreaterThan(0);
      }
    },
    DEADLINE_MS + 5_000,
  );
});
