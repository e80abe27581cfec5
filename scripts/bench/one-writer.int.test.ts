// The one-writer script (per-update cost, scripts/bench/one-writer.ts) at a tiny size, end to
// end, so it cannot rot again (it wrote into the channel document for a while after channels
// split, and every OpenVibe run timed out): each server delivers every update and reports a
// result. Nothing here asserts a time or a rate.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { benchJson } from "./lib/bench-json.ts";

const SCRIPT = fileURLToPath(new URL("./one-writer.ts", import.meta.url));
const ARGS = ["--servers", "openvibe,stock-sqlite", "--window", "4", "--updates", "20", "--json"];

interface Result {
  server: string;
  updates: number;
  perSecond: number;
}

describe("the one-writer benchmark", () => {
  it("runs against OpenVibe and a stock server and reports each", async () => {
    const results = await benchJson<Result[]>(
      process.execPath,
      [SCRIPT, ...ARGS, "--repeats", "1"],
      120_000,
    );
    expect(results.map((r) => [r.server, r.updates])).toEqual([
      ["openvibe", 20],
      ["stock-sqlite", 20],
    ]);
    for (const result of results) expect(result.perSecond).toBeGreaterThan(0);
  }, 150_000);
});
