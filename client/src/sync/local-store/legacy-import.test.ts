import "fake-indexeddb/auto";
import {
  type Actor,
  createManualEnv,
  createThread,
  initChannel,
  postMessage,
  threadView,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";
import { LocalDocumentStore } from "./local-document-store.ts";
import { storedRows } from "./stored-rows.ts";

const alice: Actor = { kind: "human", id: "alice" };
const env = createManualEnv({ idPrefix: "m" });

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((database) => database.name ?? "");
}

/** A channel edited under y-indexeddb (as the previous client did), one update per message. */
async function writeWithYIndexeddb(name: string): Promise<string> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, doc);
  await persistence.whenSynced;
  initChannel(doc, "c1");
  const { threadId } = createThread(doc, alice, { title: "Plans", body: "first" }, env);
  for (const body of ["unsynced 1", "unsynced 2", "unsynced 3"]) {
    postMessage(doc, alice, { threadId, body }, env);
  }
  await persistence.destroy();
  return threadId;
}

async function openStore(name: string, legacyName: string) {
  const doc = new Y.Doc();
  const store = new LocalDocumentStore(name, doc, { legacyName });
  await store.loaded;
  return { doc, store };
}

function bodies(doc: Y.Doc, threadId: string): string[] {
  return threadView(doc, threadId)?.messages.map((message) => message.body) ?? [];
}

describe("upgrading from y-indexeddb", () => {
  it("imports the old database's updates, then deletes it", async () => {
    const threadId = await writeWithYIndexeddb("legacy-1");
    expect((await storedRows("legacy-1")).length).toBeGreaterThan(1);

    const first = await openStore("log-1", "legacy-1");
    const expected = ["first", "unsynced 1", "unsynced 2", "unsynced 3"];
    expect(bodies(first.doc, threadId)).toEqual(expected);
    expect(await databaseNames()).not.toContain("legacy-1");
    await first.store.destroy();

    const again = await openStore("log-1", "legacy-1");
    expect(bodies(again.doc, threadId)).toEqual(expected);
    await again.store.destroy();
  });

  it("creates no old database when there was none", async () => {
    const { store } = await openStore("log-2", "legacy-2");
    await store.destroy();
    const names = await databaseNames();
    expect(names).toContain("log-2");
    expect(names).not.toContain("legacy-2");
  });
});
