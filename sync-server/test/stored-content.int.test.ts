// A channel's content as stored (what ovb export, the search rebuild and the import read): a new
// thread is acknowledged once its thread document is durable, and the server writes the channel
// document (set up as split, with the thread's index entry) a moment later. An export in between
// must still hold the thread: it did not when `ovb export` ran in that moment (seen under a loaded
// test suite), since only a stored split channel document led the reader to its threads.
import { createSplitThread, initThreadDocument, threadDocumentName } from "@openvibe/schema";
import { describe, expect, it, onTestFinished } from "vitest";
import * as Y from "yjs";
import { openDatabase } from "../src/db/open-database.ts";
import { readStoredContent } from "../src/portability/export-workspace.ts";
import { SqliteDocumentStore } from "../src/storage/sqlite-document-store.ts";
import { temporaryDataDir } from "./support/test-server.ts";

const CHANNEL = "01JCHANNEL0000000000000000";

describe("a channel's stored content", () => {
  it("holds a thread whose document is stored before the channel document", async () => {
    const db = openDatabase(temporaryDataDir(), { synchronous: "normal" });
    const store = new SqliteDocumentStore(db, { synchronous: "normal" });
    onTestFinished(async () => {
      await store.close();
      db.$client.close();
    });
    const doc = new Y.Doc();
    const { threadId } = createSplitThread(
      () => doc,
      { kind: "human", id: "01JAUTHOR00000000000000000" },
      { title: "first", body: "acknowledged before the index" },
    );
    initThreadDocument(doc, CHANNEL, threadId);
    store.append(threadDocumentName(CHANNEL, threadId), Y.encodeStateAsUpdate(doc));

    const content = readStoredContent(db.$client, store, CHANNEL);
    expect(content.threads.map((t) => t.title)).toEqual(["first"]);
    expect(content.messages.map((m) => m.body)).toEqual(["acknowledged before the index"]);
  });
});
