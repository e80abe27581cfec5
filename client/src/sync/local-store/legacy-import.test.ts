import "fake-indexeddb/auto";
import { describe, expect, it } from "vitest";
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";
import { storedRows } from "./stored-rows.ts";
import { bodies, openCopy, post, startChannel } from "./test-channel.ts";

async function databaseNames(): Promise<string[]> {
  return (await indexedDB.databases()).map((database) => database.name ?? "");
}

/** A channel edited under y-indexeddb (as the previous client did), one update per message. */
async function writeWithYIndexeddb(name: string): Promise<string> {
  const doc = new Y.Doc();
  const persistence = new IndexeddbPersistence(name, doc);
  await persistence.whenSynced;
  const threadId = startChannel(doc);
  for (const body of ["unsynced 1", "unsynced 2", "unsynced 3"]) post(doc, threadId, body);
  await persistence.destroy();
  return threadId;
}

describe("upgrading from y-indexeddb", () => {
  it("imports the old database's updates, then deletes it", async () => {
    const threadId = await writeWithYIndexeddb("legacy-1");
    expect((await storedRows("legacy-1")).length).toBeGreaterThan(1);

    const first = await openCopy("log-1", { legacyName: "legacy-1" });
    const expected = ["first", "unsynced 1", "unsynced 2", "unsynced 3"];
    expect(bodies(first.doc, threadId)).toEqual(expected);
    expect(await databaseNames()).not.toContain("legacy-1");
    await first.store.destroy();

    const again = await openCopy("log-1", { legacyName: "legacy-1" });
    expect(bodies(again.doc, threadId)).toEqual(expected);
    await again.store.destroy();
  });

  it("creates no old database when there was none", async () => {
    const { store } = await openCopy("log-2", { legacyName: "legacy-2" });
    await store.destroy();
    const names = await databaseNames();
    expect(names).toContain("log-2");
    expect(names).not.toContain("legacy-2");
  });
});
