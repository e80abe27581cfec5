// The client build comparison (scripts/bench/client-compare.ts) at its smallest, end to end, so it
// cannot rot unseen: it runs the client benchmark on a build and reads its JSON, and the build's
// row pools the warm reloads. Nothing here asserts a time.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it, onTestFinished } from "vitest";
import { buildClient } from "../lib/build-client.ts";

const BENCH = fileURLToPath(new URL("./client-compare", import.meta.url));
// A hang, not a slow machine: the run takes a few seconds.
const DEADLINE_MS = 120_000;

describe("the client build comparison", () => {
  it(
    "runs the client benchmark on a build and pools its warm reloads",
    async () => {
      const build = mkdtempSync(join(tmpdir(), "openvibe-bench-compare-"));
      onTestFinished(() => rmSync(build, { recursive: true, force: true }));
      await buildClient(build);
      const args = ["--rounds", "1", "--size", "50", "--reloads", "2", build];
      const { stdout } = await promisify(execFile)(BENCH, args, { timeout: DEADLINE_MS });
      const row = stdout.split("\n").find((line) => line.startsWith(build));
      // The build, then its count of warm reloads pooled over the rounds.
      expect(row?.split(/\s+/).slice(0, 2)).toEqual([build, "2"]);
      expect(row).not.toContain("NaN");
    },
    DEADLINE_MS + 5_000,
  );
});
