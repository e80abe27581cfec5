// The search projection writes on the event loop, while the append worker holds the database's
// write lock through each batch's fsync. SQLite waits for a lock by sleeping the calling thread,
// so a timed flush must not wait: it tries again shortly, and writes once the lock is free. Real
// SQLite, two connections to one file (here in one thread: a write that waited for the other
// connection would never see it let go).
import type Database from "better-sqlite3";
import { pino } from "pino";
import { describe, expect, it, onTestFinished } from "vitest";
import { SearchProjection } from "../src/collaboration/search-projection.ts";
import { connect, databasePath, openDatabase } from "../src/db/open-database.ts";
import { toIndexRow } from "../src/search/index-rows.ts";
import { SearchIndex } from "../src/search/search-index.ts";
import {
  batchOf,
  CHANNEL,
  hits,
  postedMessage,
  WatchedIndex,
} from "./support/search-projection.ts";
import { temporaryDataDir } from "./support/test-server.ts";
import { waitFor } from "./support/wait-for.ts";

function database() {
  const dataDir = temporaryDataDir();
  const db = openDatabase(dataDir, { synchronous: "normal" });
  const other = connect(databasePath(dataDir), { synchronous: "full" });
  onTestFinished(() => {
    other.close();
    db.$client.close();
  });
  return { sqlite: db.$client, other };
}

/** Holds the write lock on `connection` until the returned function is called. */
function holdWriteLock(connection: Database.Database): () => void {
  connection.prepare("BEGIN IMMEDIATE").run();
  return () => connection.prepare("COMMIT").run();
}

describe("search writes and the database's write lock", () => {
  it("tryWrite writes nothing while another connection holds the lock, and writes once it is free", () => {
    const { sqlite, other } = database();
    const index = new SearchIndex(sqlite);
    const { message } = postedMessage("deploy on friday");
    const row = toIndexRow(CHANNEL, message);
    const release = holdWriteLock(other);
    expect(index.tryWrite([row])).toBe(false);
    expect(hits(index, "friday")).toBe(0);
    // The connection waits for locks again as before, for every other write.
    expect(sqlite.pragma("busy_timeout", { simple: true })).toBe(10_000);
    release();
    expect(index.tryWrite([row])).toBe(true);
    expect(hits(index, "friday")).toBe(1);
  });

  it("a timed flush keeps the event loop going while the lock is held, then indexes the message", async () => {
    const { sqlite, other } = database();
    const index = new WatchedIndex(sqlite);
    const projection = new SearchProjection({
      index,
      logger: pino({ level: "silent" }),
      flushMs: 1,
      lockRetryMs: 1,
    });
    const { id, message } = postedMessage("the release train leaves at noon");
    const release = holdWriteLock(other);
    projection.project(batchOf(id, message));
    await waitFor(
      "three refused attempts to write while the lock is held",
      () => index.attempts.filter((wrote) => !wrote).length >= 3,
      (onEvent) => index.onAttempt(onEvent),
    );
    expect(hits(index, "train")).toBe(0);
    release();
    await waitFor(
      "the message indexed once the lock is free",
      () => index.attempts.at(-1) === true,
      (onEvent) => index.onAttempt(onEvent),
    );
    expect(hits(index, "train")).toBe(1);
  });

  it("a lock held longer than a batch (an operator's shell) is waited out a little at a time", async () => {
    const { sqlite, other } = database();
    const index = new WatchedIndex(sqlite);
    const errors: unknown[] = [];
    const logger = pino({ level: "error" }, { write: (line: string) => errors.push(line) });
    const projection = new SearchProjection({
      index,
      logger,
      flushMs: 1,
      lockRetryMs: 1,
      lockTries: 2,
      lockWaitMs: 1,
    });
    const { id, message } = postedMessage("the ferry sails at dawn");
    const release = holdWriteLock(other);
    projection.project(batchOf(id, message));
    // Waiting the connection's busy timeout here would sleep this thread, the lock's holder
    // included, for ten seconds and then fail: every try stays a short one instead.
    await waitFor(
      "refused tries well past the point where the flush starts waiting",
      () => index.attempts.filter((wrote) => !wrote).length >= 8,
      (onEvent) => index.onAttempt(onEvent),
    );
    // A search catches up as far as the lock lets it: the message stays waiting.
    projection.catchUp();
    expect(hits(index, "ferry")).toBe(0);
    release();
    projection.catchUp();
    expect(hits(index, "ferry")).toBe(1);
    expect(errors).toEqual([]);
  });

  it("says when a flush left changes unwritten, so the stop leaves the running mark", () => {
    const { sqlite, other } = database();
    // The stop's flush waits the connection's busy timeout: none here, the lock being this thread's.
    sqlite.pragma("busy_timeout = 0");
    const projection = new SearchProjection({
      index: new SearchIndex(sqlite),
      logger: pino({ level: "silent" }),
    });
    const { id, message } = postedMessage("the harbour closes at six");
    const release = holdWriteLock(other);
    projection.project(batchOf(id, message));
    expect(projection.flush()).toBe(false);
    release();
    expect(projection.flush()).toBe(true);
    expect(hits(new SearchIndex(sqlite), "harbour")).toBe(1);
  });
});
