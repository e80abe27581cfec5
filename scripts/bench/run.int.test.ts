// The side-by-side benchmark at its smoke size, end to end, so it cannot rot: every scenario
// prints its table and lands in the JSON file with the expected shape. Nothing here asserts a
// time or a rate; those are the benchmark's business, not the test's.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const RUN = fileURLToPath(new URL("./run", import.meta.url));
const SCENARIOS = [
  "fanout",
  "one-writer",
  "many-channels",
  "persistence",
  "long-channels",
  "cold-open",
  "reconnect",
  "streaming",
];
// One OpenVibe server, one stock Hocuspocus server and the y-websocket server cover both wire
// protocols, the workspace setup and the persistent servers; the smoke run stays short.
const SERVERS = ["openvibe", "hocuspocus-sqlite", "y-websocket"];
// A hang, not a slow machine: the smoke run takes about a minute alone, and over twice that
// beside another test file on a loaded machine (110 s was exceeded at a load of 13).
const SMOKE_DEADLINE_MS = 300_000;

interface RunJson {
  version: number;
  mode: string;
  servers: string[];
  scenarios: {
    id: string;
    title: string;
    tables: { title: string; columns: string[]; rows: unknown[][] }[];
    data: unknown;
  }[];
}

describe("scripts/bench/run --smoke", () => {
  const scratch = mkdtempSync(join(tmpdir(), "bench-run-test-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it(
    "prints every scenario's table and writes the results as JSON",
    async () => {
      const jsonFile = join(scratch, "results.json");
      const { stdout } = await promisify(execFile)(
        RUN,
        ["--smoke", "--servers", SERVERS.join(","), "--json", jsonFile],
        { timeout: SMOKE_DEADLINE_MS, maxBuffer: 16 * 1024 * 1024 },
      );
      for (const heading of [
        "== fanout:",
        "== fanout summary:",
        "== one writer:",
        "== many channels:",
        "== persistence:",
        "== long channels:",
        "== cold open:",
        "== reconnect storm:",
        "== streaming:",
      ]) {
        expect(stdout).toContain(heading);
      }

      const results = JSON.parse(readFileSync(jsonFile, "utf8")) as RunJson;
      expect(results.version).toBe(1);
      expect(results.mode).toBe("smoke");
      expect(results.servers).toEqual(SERVERS);
      expect(results.scenarios.map((s) => s.id)).toEqual(SCENARIOS);
      for (const scenario of results.scenarios) {
        expect(scenario.tables.length).toBeGreaterThan(0);
        for (const table of scenario.tables) {
          expect(table.rows.length).toBeGreaterThan(0);
          for (const row of table.rows) expect(row).toHaveLength(table.columns.length);
        }
      }
      // Every server of the run has a row in the scenarios that take them all.
      const fanoutRows = results.scenarios[0]?.tables[0]?.rows ?? [];
      expect(new Set(fanoutRows.map((row) => row[0]))).toEqual(new Set(SERVERS));
      // The persistent servers (y-websocket keeps nothing) in scenarios 3 and 3b.
      for (const id of ["persistence", "long-channels"]) {
        const rows = results.scenarios.find((s) => s.id === id)?.tables[0]?.rows ?? [];
        expect(rows.map((row) => row[0])).toEqual(["openvibe", "hocuspocus-sqlite"]);
      }
    },
    SMOKE_DEADLINE_MS + 5_000,
  );
});
