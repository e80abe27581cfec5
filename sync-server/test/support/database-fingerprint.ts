// A digest of every row of every table: two equal fingerprints mean nothing
// was written in between (used to prove that refused requests store nothing).
import { createHash } from "node:crypto";
import type { RunningServer } from "../../src/server.ts";

export function databaseFingerprint(server: RunningServer): string {
  const sqlite = server.ctx.db.$client;
  const tables = sqlite
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
    .pluck()
    .all() as string[];
  const hash = createHash("sha256");
  for (const table of tables) {
    hash.update(`\u0000${table}\u0000`);
    const quoted = `"${table.replaceAll('"', '""')}"`;
    // A table nobody wrote to scans in the same order; Buffers serialise as their bytes.
    for (const row of sqlite.prepare(`SELECT * FROM ${quoted}`).raw().iterate()) {
      hash.update(JSON.stringify(row));
    }
  }
  return hash.digest("base64url");
}
