// The search projection writes changed messages together: each transaction writes a new segment of
// the full-text index and whole pages of its tables, so a quiet channel's messages written one by
// one cost far more disk than their text. A few changes wait (up to `flushMs`), a chunk's worth is
// written at once, and a search never waits for either: it writes what is waiting first.
import { pino } from "pino";
import { describe, expect, it, onTestFinished } from "vitest";
import { SearchProjection } from "../src/collaboration/search-projection.ts";
import { openDatabase } from "../src/db/open-database.ts";
import { batchOf, hits, postedMessage, WatchedIndex } from "./support/search-projection.ts";
import { temporaryDataDir } from "./support/test-server.ts";
import { waitFor } from "./support/wait-for.ts";

function watchedIndex(): WatchedIndex {
  const db = openDatabase(temporaryDataDir(), { synchronous: "normal" });
  onTestFinished(() => {
    db.$client.close();
  });
  return new WatchedIndex(db.$client);
}

function project(projection: SearchProjection, body: string): void {
  const { id, message } = postedMessage(body);
  projection.project(batchOf(id, message));
}

/** Resolves after the event loop has run the turns already queued (setImmediate callbacks). */
function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

describe("the search projection's batches", () => {
  it("keeps a few changes waiting and writes a chunk's worth in one transaction", async () => {
    const index = watchedIndex();
    // A timed flush that never comes within the test: only a full chunk writes.
    const projection = new SearchProjection({
      index,
      logger: pino({ level: "silent" }),
      flushMs: 600_000,
      chunk: 3,
    });
    project(projection, "the kettle is broken");
    project(projection, "the toaster is broken");
    await nextTurn();
    expect(index.attempts).toEqual([]);
    expect(hits(index, "kettle")).toBe(0);
    project(projection, "the blender is broken");
    await waitFor(
      "the chunk written",
      () => index.attempts.length > 0,
      (onEvent) => index.onAttempt(onEvent),
    );
    expect(index.attempts).toEqual([true]);
    for (const word of ["kettle", "toaster", "blender"]) expect(hits(index, word)).toBe(1);
  });

  it("a search finds a waiting change: catching up writes it at once", () => {
    const index = watchedIndex();
    const projection = new SearchProjection({
      index,
      logger: pino({ level: "silent" }),
      flushMs: 600_000,
    });
    project(projection, "the printer is jammed");
    expect(hits(index, "printer")).toBe(0);
    projection.catchUp();
    expect(hits(index, "printer")).toBe(1);
  });

  it("writes a lone change by itself once it has waited flushMs", async () => {
    const index = watchedIndex();
    const projection = new SearchProjection({
      index,
      logger: pino({ level: "silent" }),
      flushMs: 20,
    });
    project(projection, "the lift is stuck");
    await waitFor(
      "the timed flush",
      () => index.attempts.length > 0,
      (onEvent) => index.onAttempt(onEvent),
    );
    expect(index.attempts).toEqual([true]);
    expect(hits(index, "lift")).toBe(1);
  });
});
