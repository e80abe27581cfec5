// The one-writer script (per-update cost, scripts/bench/one-writer.ts) at a tiny size, end to
// end, so it cannot rot again (it wrote into the channel document for a while after channels
// split, and every OpenVibe run timed out): each server delivers every update and reports a
// result. Nothing here asserts a time or a rate.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const SCRIPT = fileURLToPath(new URL("./one-writer.ts", import.meta.url));
const ARGS = ["--servers", "openvibe,stock-sqlite", "--window", "4", "--updates", "20", "--json"];

interface Result {
  server: string;
  updates: number;
  perSecond: number;
}

describe("the one-writer benchmark", () => {
  it("runs against OpenVibe and a stock server and reports each", async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [SCRIPT, ...ARGS, "--repeats", "1"],
      { timeout: 120_000 },
    );
    const results = JSON.parse(stdout) as Result[];
    expect(results.map((r) => [r.server, r.updates])).toEqual([
      ["openvibe", 20],
      ["stock-sqlite", 20],
    ]);
    for (const result of results) expect(result.perSecond).toBeGreaterThan(0);
  }, 150_000);
});
