// Reading a thread's local copy without opening it: what it holds, and the catalogue's last use
// left as it was (reading a search result is not a use that keeps a thread from eviction).
import "fake-indexeddb/auto";
import {
  type Actor,
  createManualEnv,
  createThread,
  initChannel,
  readSearchableMessage,
  threadDocumentName,
} from "@openvibe/schema";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { LocalDatabase } from "../local/database.ts";
import { KeptCopies } from "../sync/refused/kept-copies.ts";
import { HeldDocuments } from "./held-documents.ts";
import { openLocalDocument } from "./local-document.ts";
import { memoryStorage } from "./memory-storage.ts";
import { readLocalCopy } from "./read-local-copy.ts";

const alice: Actor = { kind: "human", id: "alice" };

describe("reading a local copy", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("gives what the copy holds and records no use", async () => {
    vi.stubGlobal("localStorage", memoryStorage());
    const held = new HeldDocuments(new LocalDatabase("read-copy"), "alice");
    const name = threadDocumentName("c1", "t1");
    const doc = new Y.Doc();
    const store = openLocalDocument({
      userId: "alice",
      document: { kind: "thread", channelId: "c1", threadId: "t1" },
      documentName: name,
      doc,
      held,
      copies: new KeptCopies(new LocalDatabase("read-copy-kept"), "alice"),
    });
    await store.loaded;
    initChannel(doc, "c1");
    const env = createManualEnv({ idPrefix: "m" });
    const { messageId } = createThread(doc, alice, { title: "Trip", body: "zebra" }, env);
    await store.destroy();
    await held.saveSizes();
    const before = await held.list();

    const copy = await readLocalCopy("alice", name);
    expect(readSearchableMessage(copy, messageId)?.body).toBe("zebra");
    expect(await held.list()).toEqual(before);
    await held.destroy();
  });
});
