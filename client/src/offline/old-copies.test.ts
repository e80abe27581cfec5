// An old copy of a channel (the one-document layout, stored before the server split the channel):
// on load it is set aside and the channel starts empty; then, thread by thread, the person's
// messages the server's thread documents lack are posted again there, and the copy ends kept with
// only what could not be posted. Real schema, real stores over fake-indexeddb.
import "fake-indexeddb/auto";
import {
  type Actor,
  createManualEnv,
  createThread,
  initChannel,
  parseDocumentName,
  postMessage,
  splitChannelDocument,
  threadView,
} from "@openvibe/schema";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { LocalDatabase } from "../local/database.ts";
import { localCopyNames } from "../sync/local-copy-names.ts";
import { LocalDocumentStore } from "../sync/local-store/local-document-store.ts";
import { KeptCopies } from "../sync/refused/kept-copies.ts";
import { recoverKeptCopies, type SyncedCopy } from "../sync/refused/recovery.ts";
import { HeldDocuments } from "./held-documents.ts";
import { openLocalDocument } from "./local-document.ts";
import { memoryStorage } from "./memory-storage.ts";

const admin: Actor = { kind: "human", id: "admin" };
const member: Actor = { kind: "human", id: "member" };
const env = createManualEnv({ idPrefix: "m" });
let run = 0;

/** The channel before the split (two threads), and the member's copy of it with offline posts. */
function oldChannel() {
  const server = new Y.Doc();
  initChannel(server, "c1");
  const plans = createThread(server, admin, { title: "Plans", body: "hi" }, env).threadId;
  const trip = createThread(server, admin, { title: "Trip", body: "where?" }, env).threadId;
  postMessage(server, member, { threadId: plans, body: "accepted earlier" }, env);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
  postMessage(copy, member, { threadId: plans, body: "offline in plans" }, env);
  postMessage(copy, member, { threadId: trip, body: "offline in trip" }, env);
  const offline = createThread(copy, member, { title: "Mine", body: "never sent" }, env);
  const split = splitChannelDocument(server);
  const threadDoc = (threadId: string) => {
    const doc = new Y.Doc();
    const update = split.threadDocs.get(threadId);
    if (update !== undefined) Y.applyUpdate(doc, update);
    return doc;
  };
  return { copy, split, threadDoc, plans, trip, mine: offline.threadId };
}

function syncedThread(threadId: string, doc: Y.Doc): SyncedCopy {
  return {
    channelId: "c1",
    threadId,
    doc,
    writable: () => true,
    settled: async () => "acknowledged",
  };
}

const bodies = (doc: Y.Doc, threadId: string) =>
  threadView(doc, threadId)?.messages.map((m) => m.body) ?? [];

describe("an old copy of a split channel", () => {
  let db: LocalDatabase;
  let copies: KeptCopies;
  let held: HeldDocuments;
  beforeEach(() => {
    vi.stubGlobal("localStorage", memoryStorage());
    run += 1;
    db = new LocalDatabase(`old-copies-${run}`);
    copies = new KeptCopies(db, member.id);
    held = new HeldDocuments(db, member.id);
  });
  afterEach(async () => {
    await held.destroy();
    vi.unstubAllGlobals();
  });

  /** Stores `doc` as the channel document's local copy, as the client before the split did. */
  async function storeLocally(doc: Y.Doc, unsynced: number): Promise<void> {
    const names = localCopyNames(member.id, "channel:c1");
    const writer = new Y.Doc();
    const store = new LocalDocumentStore(names.updates, writer);
    await store.loaded;
    Y.applyUpdate(writer, Y.encodeStateAsUpdate(doc));
    await store.destroy();
    if (unsynced > 0) localStorage.setItem(names.unsynced, String(unsynced));
    // Stored before this device's first load by the client after the split.
    localStorage.removeItem(names.upgraded);
  }

  async function openChannel(): Promise<Y.Doc> {
    const doc = new Y.Doc();
    const document = parseDocumentName("channel:c1");
    if (document === null) throw new Error("bad name");
    const store = openLocalDocument({
      userId: member.id,
      document,
      documentName: "channel:c1",
      doc,
      held,
      copies,
    });
    await store.loaded;
    await store.destroy();
    return doc;
  }

  it("is set aside before it syncs, then re-posted thread by thread", async () => {
    const { copy, threadDoc, plans, trip, mine, split } = oldChannel();
    await storeLocally(copy, 4);

    const channel = await openChannel();
    expect(channel.share.size).toBe(0);
    expect((await openChannel()).share.size).toBe(0);
    // A page that stopped before emptying the log keeps the same copy again: still one.
    await copies.keepOldCopy("c1", copy);
    const [kept, ...again] = await copies.forChannel("c1");
    expect(again).toEqual([]);
    expect(kept).toMatchObject({ reason: "old-layout", state: "recovering" });
    expect(new Set(kept?.threadsLeft)).toEqual(new Set([plans, trip, mine]));

    // The server's channel document, then each thread document as its replica syncs.
    Y.applyUpdate(channel, split.channelDoc);
    const plansDoc = threadDoc(plans);
    const options = { copies, actor: member, mayWrite: async () => true };
    await recoverKeptCopies(syncedThread(plans, plansDoc), options);
    await recoverKeptCopies(syncedThread(plans, plansDoc), options);
    expect(bodies(plansDoc, plans)).toEqual(["hi", "accepted earlier", "offline in plans"]);
    expect((await copies.forChannel("c1"))[0]?.state).toBe("recovering");

    const tripDoc = threadDoc(trip);
    await recoverKeptCopies(syncedThread(trip, tripDoc), options);
    await recoverKeptCopies(syncedThread(mine, threadDoc(mine)), options);
    expect(bodies(tripDoc, trip)).toEqual(["where?", "offline in trip"]);

    const [done, ...others] = await copies.forChannel("c1");
    expect(others).toEqual([]);
    expect(done?.state).toBe("kept");
    expect(done?.reposted).toBe(2);
    // The thread the server never had cannot take posts: its message stays in the notice.
    expect(done?.messages.map((m) => m.body)).toEqual(["never sent"]);
  });

  it("is finished by the next page when one stopped between re-posting and recording it", async () => {
    const { copy, threadDoc, plans, trip, mine } = oldChannel();
    await storeLocally(copy, 4);
    await openChannel();
    const options = { copies, actor: member, mayWrite: async () => true };
    /** A page that re-posts a thread's messages, then stops before recording that it did. */
    async function stopsAfterReposting(threadId: string): Promise<Y.Doc> {
      const doc = threadDoc(threadId);
      const finish = vi.spyOn(copies, "finishThread").mockRejectedValueOnce(new Error("closed"));
      await expect(recoverKeptCopies(syncedThread(threadId, doc), options)).rejects.toThrow();
      finish.mockRestore();
      return doc;
    }

    // Plans: the server took the re-post before the page stopped; the next page's copy holds it.
    const plansBefore = await stopsAfterReposting(plans);
    expect((await copies.forChannel("c1"))[0]?.threadsLeft).toContain(plans);
    const plansAfter = threadDoc(plans);
    Y.applyUpdate(plansAfter, Y.encodeStateAsUpdate(plansBefore));
    await recoverKeptCopies(syncedThread(plans, plansAfter), options);
    expect(bodies(plansAfter, plans)).toEqual(["hi", "accepted earlier", "offline in plans"]);

    // Trip: the re-post never left the stopped page; the next page posts it, under the same id,
    // so the stopped page's copy (its log sends it on its next load) merges into one message.
    const tripBefore = await stopsAfterReposting(trip);
    const tripAfter = threadDoc(trip);
    await recoverKeptCopies(syncedThread(trip, tripAfter), options);
    Y.applyUpdate(tripAfter, Y.encodeStateAsUpdate(tripBefore));
    expect(bodies(tripAfter, trip)).toEqual(["where?", "offline in trip"]);

    await recoverKeptCopies(syncedThread(mine, threadDoc(mine)), options);
    const [done] = await copies.forChannel("c1");
    expect(done).toMatchObject({ state: "kept", reposted: 2, threadsLeft: [] });
    expect(done?.messages.map((m) => m.body)).toEqual(["never sent"]);
  });

  it("is dropped when the server had acknowledged all of it, and a split copy loads as is", async () => {
    const { copy, split } = oldChannel();
    await storeLocally(copy, 0);
    expect((await openChannel()).share.size).toBe(0);
    expect(await copies.forChannel("c1")).toEqual([]);

    const current = new Y.Doc();
    Y.applyUpdate(current, split.channelDoc);
    await storeLocally(current, 0);
    const loaded = await openChannel();
    expect(Y.encodeStateVector(loaded)).toEqual(Y.encodeStateVector(current));
    expect(await copies.forChannel("c1")).toEqual([]);

    // An old copy's rows merged with the server's split channel document are still an old copy.
    const merged = new Y.Doc();
    Y.applyUpdate(merged, Y.encodeStateAsUpdate(copy));
    Y.applyUpdate(merged, split.channelDoc);
    await storeLocally(merged, 1);
    expect((await openChannel()).share.size).toBe(0);
    expect(await copies.forChannel("c1")).toHaveLength(1);
  });
});
