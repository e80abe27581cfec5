// Evicting thread documents beyond the budget, on real stores over fake-indexeddb: the least
// recently used thread goes (it reopens empty, to be loaded from the server), the others keep
// their content, and a thread open in a page or holding unsynced changes is never deleted.
import "fake-indexeddb/auto";
import {
  type Actor,
  createManualEnv,
  createThread,
  initChannel,
  parseDocumentName,
  threadDocumentName,
  threadView,
} from "@openvibe/schema";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { LocalDatabase } from "../local/database.ts";
import { localCopyNames } from "../sync/local-copy-names.ts";
import type { LocalDocumentStore } from "../sync/local-store/local-document-store.ts";
import { KeptCopies } from "../sync/refused/kept-copies.ts";
import { applySnapshot, saveSnapshot } from "../sync/screen-snapshots.ts";
import { evictBeyondBudget } from "./evict-documents.ts";
import { HeldDocuments } from "./held-documents.ts";
import { openLocalDocument } from "./local-document.ts";
import { memoryStorage } from "./memory-storage.ts";

const alice: Actor = { kind: "human", id: "alice" };
const env = createManualEnv({ idPrefix: "m" });
let databases = 0;
/** Each test's channel: the logs (fake-indexeddb) outlive a test. */
let channelId = "c0";
const copies = new KeptCopies(new LocalDatabase("evict-kept"), "alice");

interface Copy {
  doc: Y.Doc;
  store: LocalDocumentStore;
}

async function open(held: HeldDocuments, documentName: string): Promise<Copy> {
  const doc = new Y.Doc();
  const document = parseDocumentName(documentName);
  if (document === null) throw new Error(`not a document name: ${documentName}`);
  const store = openLocalDocument({ userId: "alice", document, documentName, doc, held, copies });
  await store.loaded;
  return { doc, store };
}

/** A thread document holding one thread with a message of about `bytes` bytes, stored and closed. */
async function holdThread(held: HeldDocuments, threadId: string, bytes: number): Promise<string> {
  const name = threadDocumentName(channelId, threadId);
  const copy = await open(held, name);
  initChannel(copy.doc, channelId);
  createThread(copy.doc, alice, { title: threadId, body: "x".repeat(bytes) }, env);
  await copy.store.destroy();
  return name;
}

async function messageCount(held: HeldDocuments, name: string): Promise<number> {
  const copy = await open(held, name);
  const [thread] = copy.doc.getMap("threads").keys();
  const count = thread === undefined ? 0 : (threadView(copy.doc, thread)?.messages.length ?? 0);
  await copy.store.destroy();
  return count;
}

describe("evicting thread documents beyond the budget", () => {
  let held: HeldDocuments;
  beforeEach(() => {
    vi.stubGlobal("localStorage", memoryStorage());
    databases += 1;
    channelId = `c${databases}`;
    held = new HeldDocuments(new LocalDatabase(`evict-${databases}`), "alice");
  });
  afterEach(async () => {
    await held.destroy();
    vi.unstubAllGlobals();
  });

  it("deletes the least recently used thread, keeps the others readable", async () => {
    const oldest = await holdThread(held, "t1", 3000);
    const middle = await holdThread(held, "t2", 3000);
    const newest = await holdThread(held, "t3", 3000);
    // Reading the oldest again makes the middle one the least recently used.
    expect(await messageCount(held, oldest)).toBe(1);
    // Both were on screen when a page was hidden: each has a snapshot for a warm open.
    for (const name of [oldest, middle]) saveSnapshot("alice", name, new Y.Doc());

    const evicted = await evictBeyondBudget({
      userId: "alice",
      held,
      budgetBytes: 7000,
      isOpen: () => false,
    });

    expect(evicted).toEqual([middle]);
    // The evicted thread's snapshot went with it: a warm open at its address does not show it.
    const snapshotOf = (name: string) => applySnapshot("alice", name, new Y.Doc());
    expect([snapshotOf(oldest), snapshotOf(middle)]).toEqual([true, false]);
    // Catalogued no more (what the search index keeps to: search/held-threads.ts).
    expect(await held.cataloguedNames()).toEqual(new Set([oldest, newest]));
    expect(await messageCount(held, oldest)).toBe(1);
    expect(await messageCount(held, newest)).toBe(1);
    expect(await messageCount(held, middle)).toBe(0);
    await held.saveSizes();
    expect(held.holds(channelId, "t2")).toBe(false);
  });

  it("evicts a thread fetched in the background before one the person opened earlier", async () => {
    const opened = await holdThread(held, "t1", 3000);
    const fetched = threadDocumentName(channelId, "t2");
    held.fetchingInBackground(fetched, 1_000);
    await holdThread(held, "t2", 3000);

    const evicted = await evictBeyondBudget({
      userId: "alice",
      held,
      budgetBytes: 5000,
      isOpen: () => false,
    });

    expect(evicted).toEqual([fetched]);
    expect(await messageCount(held, opened)).toBe(1);
  });

  it("never deletes a thread open in a page or holding unsynced changes", async () => {
    const unsynced = await holdThread(held, "t1", 3000);
    const openElsewhere = await holdThread(held, "t2", 3000);
    const last = await holdThread(held, "t3", 3000);
    localStorage.setItem(localCopyNames("alice", unsynced).unsynced, "2");
    // Open in another tab: its store holds the log's lock; this page does not list it as open.
    const tab = await open(held, openElsewhere);

    const evicted = await evictBeyondBudget({
      userId: "alice",
      held,
      budgetBytes: 1000,
      isOpen: (name) => name === last,
    });

    expect(evicted).toEqual([]);
    await tab.store.destroy();
    for (const name of [unsynced, openElsewhere, last]) {
      expect(await messageCount(held, name)).toBe(1);
    }
  });
});
