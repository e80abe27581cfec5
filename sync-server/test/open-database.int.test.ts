// Several processes opening one new data directory at the same moment (two `ovb` commands, or
// one beside a starting server) all get an up-to-date database.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { readMigrationFiles } from "drizzle-orm/migrator";
import { describe, expect, it, onTestFinished } from "vitest";
import { openDatabase } from "../src/db/open-database.ts";
import { temporaryDataDir } from "./support/test-server.ts";
import { onEvent, waitFor } from "./support/wait-for.ts";

const CHILD = new URL("./support/open-database-child.ts", import.meta.url).pathname;
const PROCESSES = 6;

const MIGRATIONS = readMigrationFiles({
  migrationsFolder: new URL("../drizzle", import.meta.url).pathname,
}).length;

interface Opener {
  child: ChildProcessWithoutNullStreams;
  lines: string[];
}

function startOpener(dataDir: string): Opener {
  const child = spawn(process.execPath, [CHILD, dataDir]);
  onTestFinished(() => {
    child.kill("SIGKILL");
  });
  const opener: Opener = { child, lines: [] };
  createInterface({ input: child.stdout }).on("line", (line) => {
    opener.lines.push(line);
    child.emit("line");
  });
  return opener;
}

describe("opening a new database", () => {
  it("applies the migrations once when several processes open it at the same moment", async () => {
    for (let round = 0; round < 3; round++) {
      const dataDir = temporaryDataDir();
      const openers = Array.from({ length: PROCESSES }, () => startOpener(dataDir));
      await Promise.all(
        openers.map((opener) =>
          waitFor(
            "the process to load",
            () => opener.lines.includes("ready"),
            onEvent(opener.child, "line"),
            60_000,
          ),
        ),
      );
      for (const opener of openers) opener.child.stdin.end("go\n");
      await Promise.all(openers.map((opener) => once(opener.child, "close")));
      expect(openers.map((opener) => opener.lines.at(-1))).toEqual(Array(PROCESSES).fill("opened"));
      const db = openDatabase(dataDir, { synchronous: "normal" });
      const applied = db.$client.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get();
      db.$client.close();
      expect(applied).toEqual({ n: MIGRATIONS });
    }
  }, 120_000);
});
