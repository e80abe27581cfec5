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
import * as Y from "yjs";
import { MAX_TAIL_ROWS } from "./compaction-policy.ts";
import { LocalDocumentStore } from "./local-document-store.ts";
import { storedRows, totalBytes } from "./stored-rows.ts";

const alice: Actor = { kind: "human", id: "alice" };
const env = createManualEnv({ idPrefix: "m" });
let databases = 0;

/** A database name no other test uses. */
function freshName(): string {
  databases += 1;
  return `test-log-${databases}`;
}

/** A channel with one thread, as one update (what a first sync from the server brings). */
function seedChannel(): { update: Uint8Array; threadId: string } {
  const doc = new Y.Doc();
  initChannel(doc, "c1");
  const { threadId } = createThread(doc, alice, { title: "Plans", body: "first" }, env);
  return { update: Y.encodeStateAsUpdate(doc), threadId };
}

/** Applies an update from the server and waits until it is stored (a row of its own). */
async function receive(tab: { doc: Y.Doc; store: LocalDocumentStore }, update: Uint8Array) {
  Y.applyUpdate(tab.doc, update, "server");
  await tab.store.flush();
}

async function open(name: string): Promise<{ doc: Y.Doc; store: LocalDocumentStore }> {
  const doc = new Y.Doc();
  const store = new LocalDocumentStore(name, doc);
  await store.loaded;
  return { doc, store };
}

function bodies(doc: Y.Doc, threadId: string): string[] {
  return threadView(doc, threadId)?.messages.map((message) => message.body) ?? [];
}

/** Posts messages one by one, each stored before the next (one row each). */
async function post(doc: Y.Doc, store: LocalDocumentStore, threadId: string, texts: string[]) {
  for (const body of texts) {
    postMessage(doc, alice, { threadId, body }, env);
    await store.flush();
  }
}

function numbered(prefix: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix} ${i}`);
}

describe("the local document store", () => {
  it("loads what an earlier copy stored", async () => {
    const name = freshName();
    const { update, threadId } = seedChannel();
    const first = await open(name);
    Y.applyUpdate(first.doc, update, "server");
    await post(first.doc, first.store, threadId, ["second", "third"]);
    await first.store.destroy();

    const again = await open(name);
    expect(bodies(again.doc, threadId)).toEqual(["first", "second", "third"]);
    await again.store.destroy();
  });

  it("keeps what was written just before the page went away, without an explicit flush", async () => {
    const name = freshName();
    const { update, threadId } = seedChannel();
    const tab = await open(name);
    Y.applyUpdate(tab.doc, update, "server");
    postMessage(tab.doc, alice, { threadId, body: "typed offline" }, env);

    const reloaded = await open(name);
    expect(bodies(reloaded.doc, threadId)).toEqual(["first", "typed offline"]);
    await Promise.all([tab.store.destroy(), reloaded.store.destroy()]);
  });

  it("does not write back what it loaded, and merges the rows on load", async () => {
    const name = freshName();
    const { update, threadId } = seedChannel();
    const first = await open(name);
    await receive(first, update);
    await post(first.doc, first.store, threadId, ["a", "b", "c"]);
    await first.store.destroy();
    const before = await storedRows(name);
    expect(before).toHaveLength(4);

    const again = await open(name);
    await again.store.flush();
    const after = await storedRows(name);
    expect(after.length).toBeLessThanOrEqual(2);
    expect(totalBytes(after)).toBeLessThanOrEqual(totalBytes(before));
    await again.store.destroy();
  });

  it("bounds the rows while writing and across reloads, with the same content", async () => {
    const name = freshName();
    const { update, threadId } = seedChannel();
    const tab = await open(name);
    Y.applyUpdate(tab.doc, update, "server");
    const texts = numbered("message", MAX_TAIL_ROWS * 2 + 30);
    await post(tab.doc, tab.store, threadId, texts);
    expect((await storedRows(name)).length).toBeLessThanOrEqual(MAX_TAIL_ROWS + 1);
    await tab.store.destroy();

    const expected = ["first", ...texts];
    for (let reload = 0; reload < 20; reload++) {
      const again = await open(name);
      expect(bodies(again.doc, threadId)).toEqual(expected);
      await post(again.doc, again.store, threadId, [`after reload ${reload}`]);
      expected.push(`after reload ${reload}`);
      await again.store.destroy();
    }
    const last = await open(name);
    expect(bodies(last.doc, threadId)).toEqual(expected);
    const rows = await storedRows(name);
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(totalBytes(rows)).toBeLessThan(2 * Y.encodeStateAsUpdate(last.doc).byteLength);
    await last.store.destroy();
  });

  it("loses nothing when two tabs append and compact the same database", async () => {
    const name = freshName();
    const { update, threadId } = seedChannel();
    const [left, right] = [await open(name), await open(name)];
    Y.applyUpdate(left.doc, update, "server");
    Y.applyUpdate(right.doc, update, "server");
    const fromLeft = numbered("left", MAX_TAIL_ROWS + 20);
    const fromRight = numbered("right", MAX_TAIL_ROWS + 20);
    await Promise.all([
      post(left.doc, left.store, threadId, fromLeft),
      post(right.doc, right.store, threadId, fromRight),
    ]);
    await Promise.all([left.store.destroy(), right.store.destroy()]);

    const merged = await open(name);
    const seen = bodies(merged.doc, threadId);
    expect(seen).toHaveLength(1 + fromLeft.length + fromRight.length);
    expect(new Set(seen)).toEqual(new Set(["first", ...fromLeft, ...fromRight]));
    await merged.store.destroy();
  });

  it("forgets everything on clear(), including what was not written yet", async () => {
    const name = freshName();
    const { update, threadId } = seedChannel();
    const tab = await open(name);
    Y.applyUpdate(tab.doc, update, "server");
    await tab.store.flush();
    postMessage(tab.doc, alice, { threadId, body: "refused" }, env);
    await tab.store.clear();

    expect(await storedRows(name)).toEqual([]);
    const again = await open(name);
    expect(threadView(again.doc, threadId)).toBeUndefined();
    await again.store.destroy();
  });
});
