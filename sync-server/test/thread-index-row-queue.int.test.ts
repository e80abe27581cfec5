// The thread index rows' queue (threads/thread-index-row-queue.ts) against a real database: rows
// wait until their time or a flush, the latest per thread is what lands, a write the database
// refuses leaves them waiting (logged) for the next flush, and the wait ends by itself.
import { describe, expect, it, onTestFinished } from "vitest";
import { openDatabase } from "../src/db/open-database.ts";
import { ThreadIndexRowQueue } from "../src/threads/thread-index-row-queue.ts";
import { ThreadIndexRows } from "../src/threads/thread-index-rows.ts";
import { capturedLog } from "./support/captured-log.ts";
import { refuseInserts } from "./support/failing-inserts.ts";
import { temporaryDataDir } from "./support/test-server.ts";
import { pollUntil } from "./support/wait-for.ts";

function world(waitMs: number) {
  const db = openDatabase(temporaryDataDir(), { synchronous: "normal" }).$client;
  onTestFinished(() => {
    db.close();
  });
  const log = capturedLog();
  const queue = new ThreadIndexRowQueue({
    rows: new ThreadIndexRows(db),
    waitMs,
    logger: log.logger,
  });
  const stored = () =>
    db
      .prepare<[], { thread_id: string; stored_through: number }>(
        "SELECT thread_id, stored_through FROM thread_index ORDER BY thread_id",
      )
      .all()
      .map((row) => [row.thread_id, row.stored_through]);
  return { db, log, queue, stored };
}

describe("thread index rows written together", () => {
  it("waits, then writes the latest row of each thread at once", () => {
    const { queue, stored } = world(60_000);
    queue.add({ channelId: "c1", threadId: "t1", digest: null, storedThrough: 1 });
    queue.add({ channelId: "c1", threadId: "t2", digest: null, storedThrough: 4 });
    queue.add({ channelId: "c1", threadId: "t1", digest: null, storedThrough: 3 });
    expect(stored()).toEqual([]);
    queue.flush();
    expect(stored()).toEqual([
      ["t1", 3],
      ["t2", 4],
    ]);
  });

  it("keeps the rows a refused write held, and writes them at the next flush", async () => {
    const { db, log, queue, stored } = world(60_000);
    const diskBack = refuseInserts(db, "thread_index");
    queue.add({ channelId: "c1", threadId: "t1", digest: null, storedThrough: 2 });
    queue.flush();
    await log.until("the refusal logged", (entry) => entry.msg === "could not index threads");
    expect(stored()).toEqual([]);
    diskBack();
    queue.flush();
    expect(stored()).toEqual([["t1", 2]]);
  });

  it("writes what waits once the wait is over, without a flush", async () => {
    const { queue, stored } = world(20);
    queue.add({ channelId: "c1", threadId: "t1", digest: null, storedThrough: 5 });
    await pollUntil("the row written", async () => stored().length === 1, 5_000, 10);
    expect(stored()).toEqual([["t1", 5]]);
  });
});
