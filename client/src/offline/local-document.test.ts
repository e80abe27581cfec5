// A person's local copy of a document (local-document.ts) and its snapshot: the thread on screen
// when the page is hidden is kept, shown by the next copy before its log is read, and not written
// again while it has not changed.
import "fake-indexeddb/auto";
import { threadDocumentName, threadPath } from "@openvibe/schema";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { LocalDatabase } from "../local/database.ts";
import { localCopyNames } from "../sync/local-copy-names.ts";
import { bodies, post, startChannel } from "../sync/local-store/test-channel.ts";
import { KeptCopies } from "../sync/refused/kept-copies.ts";
import { HeldDocuments } from "./held-documents.ts";
import { openLocalDocument } from "./local-document.ts";
import { memoryStorage } from "./memory-storage.ts";

/** A page showing `path`, whose hiding the test triggers; localStorage in memory. */
function pageAt(path: string) {
  const storage = memoryStorage();
  const window = new EventTarget();
  vi.stubGlobal("localStorage", storage);
  vi.stubGlobal("window", window);
  vi.stubGlobal("document", Object.assign(new EventTarget(), { visibilityState: "hidden" }));
  vi.stubGlobal("location", { pathname: path });
  return { storage, hide: () => window.dispatchEvent(new Event("pagehide")) };
}

describe("the local copy of the document on screen", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("is kept as a snapshot when the page is hidden, shown at the next open before the log is read", async () => {
    const server = new Y.Doc();
    const threadId = startChannel(server);
    post(server, threadId, "the newest");
    const channelId = "c1";
    const documentName = threadDocumentName(channelId, threadId);
    const page = pageAt(threadPath({ channelId, threadId, forkId: null }));
    const held = new HeldDocuments(new LocalDatabase(`snapshot-${threadId}`), "alice");
    const open = (doc: Y.Doc) =>
      openLocalDocument({
        userId: "alice",
        document: { kind: "thread", channelId, threadId },
        documentName,
        doc,
        held,
        copies: new KeptCopies(new LocalDatabase(`snapshot-kept-${threadId}`), "alice"),
      });

    const first = new Y.Doc();
    const firstStore = open(first);
    await firstStore.loaded;
    Y.applyUpdate(first, Y.encodeStateAsUpdate(server), "server");
    await firstStore.flush();
    page.hide();
    await firstStore.destroy();
    const snapshotKey = localCopyNames("alice", documentName).snapshot;
    expect(page.storage.getItem(snapshotKey)).not.toBeNull();

    // The next page: the thread is there as its copy opens, before its log has been read.
    const again = new Y.Doc();
    const store = open(again);
    expect(bodies(again, threadId)).toEqual(["first", "the newest"]);
    await store.loaded;
    // Unchanged since: hiding the page again writes no snapshot.
    const setItem = vi.spyOn(page.storage, "setItem");
    page.hide();
    expect(setItem).not.toHaveBeenCalledWith(snapshotKey, expect.anything());
    // Changed: it is kept again.
    post(again, threadId, "one more");
    await store.flush();
    page.hide();
    expect(setItem).toHaveBeenCalledWith(snapshotKey, expect.anything());
    await store.destroy();
    await held.destroy();
  });
});
