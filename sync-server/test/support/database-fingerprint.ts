// A digest of every row of every table, one line per table (`name: rows digest`): two equal
// fingerprints mean nothing was written in between (used to prove that refused requests store
// nothing), and when they differ the assertion's diff names the tables that changed.
import { createHash } from "node:crypto";
import type { RunningServer } from "../../src/server.ts";

export function databaseFingerprint(server: RunningServer): string {
  const sqlite = server.ctx.db.$client;
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  return tables
    .map((table) => {
      const hash = createHash("sha256");
      const quoted = `"${table.replaceAll('"', '""')}"`;
      let rows = 0;
      // A table nobody wrote to scans in the same order; Buffers serialise as their bytes.
      for (const row of sqlite.prepare(`SELECT * FROM ${quoted}`).raw().iterate()) {
        hash.update(JSON.stringify(row));
        rows += 1;
      }
      return `${table}: ${rows} ${hash.digest("base64url")}`;
    })
    .join("\n");
}
