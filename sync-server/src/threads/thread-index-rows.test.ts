// The catch-up's scan of stored thread documents, in parts, against a real database: what it
// finds across the parts' boundaries is exactly the documents stored after their row.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { threadDocumentName } from "@openvibe/schema";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "../db/open-database.ts";
import { ThreadIndexRows } from "./thread-index-rows.ts";
import { findUnindexedThreads } from "./unindexed-threads.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("findUnindexedThreads", () => {
  it("finds every thread document stored after its row, over several parts", async () => {
    const dir = mkdtempSync(join(tmpdir(), "openvibe-thread-rows-"));
    dirs.push(dir);
    const db = openDatabase(dir, { synchronous: "normal" }).$client;
    const rows = new ThreadIndexRows(db);
    const insert = db.prepare(
      "INSERT INTO documents (name, snapshot_through, created_at) VALUES (?, ?, 0)",
    );
    const expected: string[] = [];
    db.transaction(() => {
      insert.run("channel:c1", 3);
      for (let i = 0; i < 1_234; i++) {
        const threadId = `t${String(i).padStart(5, "0")}`;
        const channelId = i % 2 === 0 ? "c1" : "c2";
        const name = threadDocumentName(channelId, threadId);
        insert.run(name, 5);
        // Every third has a row derived from all of it; the others from less, or none.
        if (i % 3 === 0) rows.write(channelId, threadId, null, 5);
        else if (i % 3 === 1) rows.write(channelId, threadId, null, 4);
        if (i % 3 !== 0) expected.push(name);
      }
    })();
    const documents = await findUnindexedThreads(db.name);
    for (const document of documents) expect(document.storedThrough).toBe(5);
    const found = documents.map((document) => document.documentName);
    expect(found.sort()).toEqual(expected.sort());
    expect(
      rows
        .unindexedDocuments()
        .map((d) => d.documentName)
        .sort(),
    ).toEqual(found);
    db.close();
  });
});
