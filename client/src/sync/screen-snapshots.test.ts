// The snapshots of the documents on screen (screen-snapshots.ts): one restores the document as it
// was saved, is not anyone's change, and goes when too big, too old among the last few, unreadable
// or forgotten. With the local store: a snapshot is offered only when the log holds everything.
import "fake-indexeddb/auto";
import { afterEach, describe, expect, it, vi } from "vitest";
import * as Y from "yjs";
import { memoryStorage } from "../offline/memory-storage.ts";
import { localCopyNames } from "./local-copy-names.ts";
import {
  bodies,
  openCopy,
  openWithChannel,
  post,
  startChannel,
} from "./local-store/test-channel.ts";
import {
  applySnapshot,
  forgetSnapshot,
  SNAPSHOT_ORIGIN,
  saveSnapshot,
} from "./screen-snapshots.ts";

function channelDoc(...messages: string[]): { doc: Y.Doc; threadId: string } {
  const doc = new Y.Doc();
  const threadId = startChannel(doc);
  for (const body of messages) post(doc, threadId, body);
  return { doc, threadId };
}

describe("snapshots of the documents on screen", () => {
  it("restore the document as saved, applied as no one's change", () => {
    const storage = memoryStorage();
    const { doc, threadId } = channelDoc("second", "ünïcödé 🎉");
    saveSnapshot("alice", "thread:c1:t1", doc, storage);

    const restored = new Y.Doc();
    const origins: unknown[] = [];
    restored.on("update", (_update: Uint8Array, origin: unknown) => origins.push(origin));
    expect(applySnapshot("alice", "thread:c1:t1", restored, storage)).toBe(true);
    expect(bodies(restored, threadId)).toEqual(["first", "second", "ünïcödé 🎉"]);
    expect(origins).toEqual([SNAPSHOT_ORIGIN]);
    // Another person on the same device has none.
    expect(applySnapshot("bob", "thread:c1:t1", new Y.Doc(), storage)).toBe(false);
  });

  it("keep the last four documents saved, none too big, and none forgotten", () => {
    const storage = memoryStorage();
    const names = ["a", "b", "c", "d", "e"].map((id) => `thread:c1:${id}`);
    let now = 1_000;
    vi.spyOn(Date, "now").mockImplementation(() => now++);
    for (const name of names) saveSnapshot("alice", name, channelDoc().doc, storage);
    const kept = (name: string) => applySnapshot("alice", name, new Y.Doc(), storage);
    expect(names.map(kept)).toEqual([false, true, true, true, true]);

    // Saving "b" again makes it the newest: "c" is then the oldest, and goes for "f".
    saveSnapshot("alice", "thread:c1:b", channelDoc().doc, storage);
    saveSnapshot("alice", "thread:c1:f", channelDoc().doc, storage);
    expect(kept("thread:c1:b")).toBe(true);
    expect(kept("thread:c1:c")).toBe(false);

    // A document grown too big loses the snapshot it had.
    saveSnapshot(
      "alice",
      "thread:c1:b",
      channelDoc(...Array.from({ length: 10 }, () => "x".repeat(30_000))).doc,
      storage,
    );
    expect(kept("thread:c1:b")).toBe(false);
    forgetSnapshot("alice", "thread:c1:d", storage);
    expect(kept("thread:c1:d")).toBe(false);
    vi.restoreAllMocks();
  });

  it("drops a snapshot it cannot read, leaving the document as it was", () => {
    const storage = memoryStorage();
    storage.setItem(localCopyNames("alice", "thread:c1:t1").snapshot, "12 not an update");
    const doc = new Y.Doc();
    expect(applySnapshot("alice", "thread:c1:t1", doc, storage)).toBe(false);
    expect(doc.share.size).toBe(0);
    expect(storage.length).toBe(0);
  });
});

describe("the local store and the page being hidden", () => {
  afterEach(() => vi.unstubAllGlobals());

  /** A page that can be hidden (the store listens from its construction). */
  function hideablePage(): () => void {
    const window = new EventTarget();
    vi.stubGlobal("window", window);
    vi.stubGlobal("document", Object.assign(new EventTarget(), { visibilityState: "hidden" }));
    return () => window.dispatchEvent(new Event("pagehide"));
  }

  it("says the log holds everything only when nothing is left to write", async () => {
    const hide = hideablePage();
    const name = `snapshot-log-${Math.random()}`;
    const first = await openWithChannel(name);
    await first.store.destroy();

    let calls = 0;
    const copy = await openCopy(name, { onHiddenAllWritten: () => (calls += 1) });
    hide();
    expect(calls).toBe(1);
    // Typed just before the page goes: it is being written, so no snapshot now.
    post(copy.doc, first.threadId, "just typed");
    hide();
    expect(calls).toBe(1);
    await copy.store.flush();
    hide();
    expect(calls).toBe(2);
    await copy.store.destroy();
  });
});
