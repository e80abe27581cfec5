import "fake-indexeddb/auto";
import {
  type Actor,
  createManualEnv,
  createThread,
  deleteMessage,
  editMessage,
  initChannel,
  parseSearchQuery,
  postMessage,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { Observable } from "../state/observable.ts";
import { dexieIndexStore, type IndexStore } from "./index-store.ts";
import { type HeldChannel, SearchIndexer } from "./indexer.ts";
import { planSearch } from "./query-plan.ts";

const alice: Actor = { kind: "human", id: "alice" };
const NAMES = { channelIdByName: () => undefined, personIdByHandle: () => undefined };

function heldChannel(channelId: string): HeldChannel & { env: ReturnType<typeof createManualEnv> } {
  const doc = new Y.Doc();
  initChannel(doc, channelId);
  return {
    channelId,
    doc,
    loaded: new Observable(true),
    env: createManualEnv({ idPrefix: channelId }),
  };
}

/** Saves an index of these channels (indexed whole) to the store named `name`. */
async function saveIndexOf(name: string, channels: readonly HeldChannel[]): Promise<void> {
  const byId = new Map(channels.map((channel) => [channel.channelId, channel]));
  const indexer = new SearchIndexer((id) => byId.get(id) ?? heldChannel(id), dexieIndexStore(name));
  indexer.watch([...byId.keys()]);
  await indexer.idle();
  await indexer.save();
  indexer.destroy();
}

/** A store whose segment reads each wait for `release()`; `firstRequest` resolves at the first read. */
function gatedStore(store: IndexStore) {
  const requested: number[] = [];
  const waiting: (() => void)[] = [];
  let onRequest = () => {};
  const gated: IndexStore = {
    ...store,
    loadSegment: (id) => {
      requested.push(id);
      onRequest();
      const released = new Promise<void>((resolve) => waiting.push(resolve));
      return released.then(() => store.loadSegment(id));
    },
  };
  const firstRequest = new Promise<void>((resolve) => {
    onRequest = resolve;
  });
  return { store: gated, requested, firstRequest, release: () => waiting.shift()?.() };
}

/** Resolves at the next change of the indexer's version (a segment restored, say). */
function nextVersion(indexer: SearchIndexer): Promise<void> {
  return new Promise((resolve) => {
    const stop = indexer.version.subscribe(() => {
      stop();
      resolve();
    });
  });
}

function find(indexer: SearchIndexer, query: string): string[] {
  indexer.flush();
  const plan = planSearch(parseSearchQuery(query), NAMES);
  return indexer.index.search(plan, indexer.bodyOf, 20).map((hit) => hit.messageId);
}

describe("the indexer", () => {
  it("follows edits, deletes and new messages without rebuilding", async () => {
    const channel = heldChannel("c1");
    const { threadId, messageId } = createThread(
      channel.doc,
      alice,
      { title: "Plans", body: "quarterly roadmap" },
      channel.env,
    );
    const indexer = new SearchIndexer(() => channel, dexieIndexStore("follow"));
    indexer.watch(["c1"]);
    await indexer.idle();
    expect(find(indexer, "roadm")).toEqual([messageId]);

    editMessage(channel.doc, alice, { messageId, body: "yearly budget" }, channel.env);
    expect(find(indexer, "roadmap ")).toEqual([]);
    expect(find(indexer, "budg")).toEqual([messageId]);
    const reply = postMessage(
      channel.doc,
      alice,
      { threadId, body: "budget approved" },
      channel.env,
    );
    deleteMessage(channel.doc, alice, { messageId }, channel.env);
    expect(find(indexer, "budget ")).toEqual([reply]);

    indexer.watch([]);
    await indexer.idle();
    expect(indexer.index.size).toBe(0);
    indexer.destroy();
  });

  it("reloads a saved index and skips channels that did not change", async () => {
    const channel = heldChannel("c2");
    createThread(channel.doc, alice, { title: "T", body: "persisted words" }, channel.env);
    const first = new SearchIndexer(() => channel, dexieIndexStore("reload"));
    first.watch(["c2"]);
    await first.idle();
    await first.save();
    first.destroy();

    const second = new SearchIndexer(() => channel, dexieIndexStore("reload"));
    const progress: unknown[] = [];
    second.progress.subscribe(() => progress.push(second.progress.get()));
    second.watch(["c2"]);
    await second.idle();
    expect(find(second, "persist")).toHaveLength(1);
    expect(progress).toEqual([]);
    second.destroy();
  });

  it("keeps a change made while the saved index is loading", async () => {
    const channel = heldChannel("c3");
    const { messageId } = createThread(
      channel.doc,
      alice,
      { title: "T", body: "old" },
      channel.env,
    );
    const first = new SearchIndexer(() => channel, dexieIndexStore("late"));
    first.watch(["c3"]);
    await first.idle();
    await first.save();
    first.destroy();

    const store = dexieIndexStore("late");
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const second = new SearchIndexer(() => channel, {
      ...store,
      load: () => held.then(() => store.load()),
    });
    second.watch(["c3"]);
    editMessage(channel.doc, alice, { messageId, body: "new" }, channel.env);
    second.flush();
    release();
    await second.idle();
    expect(find(second, "new ")).toEqual([messageId]);
    expect(find(second, "old ")).toEqual([]);
    expect(second.index.channelMessageIds("c3").size).toBe(1);
    const { segmentIds } = await second.index.unsaved();
    expect(new Set(segmentIds).size).toBe(segmentIds.length);
    second.destroy();
  });

  it("loads a saved index a segment at a time, the newest first, searching what is loaded", async () => {
    const early = heldChannel("early");
    createThread(early.doc, alice, { title: "T", body: "status early" }, early.env);
    const late = heldChannel("late");
    late.env.advance(60_000);
    const { messageId } = createThread(
      late.doc,
      alice,
      { title: "T", body: "status late" },
      late.env,
    );
    await saveIndexOf("gated", [early, late]);

    const gate = gatedStore(dexieIndexStore("gated"));
    const indexer = new SearchIndexer((id) => (id === "late" ? late : early), gate.store);
    const restored = nextVersion(indexer);
    await gate.firstRequest;
    expect(gate.requested).toHaveLength(1);
    gate.release();
    await restored;
    // Only the newest segment is in: the second read was asked for after it, not before.
    expect(find(indexer, "status ")).toEqual([messageId]);
    expect(gate.requested).toHaveLength(2);
    gate.release();
    await indexer.idle();
    expect(find(indexer, "status ")).toHaveLength(2);
    indexer.destroy();
  });

  it("rebuilds a saved index whose segment is missing", async () => {
    const channels = ["one", "two"].map((id) => {
      const channel = heldChannel(id);
      createThread(channel.doc, alice, { title: "T", body: `kept in ${id}` }, channel.env);
      return channel;
    });
    await saveIndexOf("missing", channels);

    const store = dexieIndexStore("missing");
    const saved = await store.load();
    const lost = saved?.segmentIds.at(-1);
    const indexer = new SearchIndexer(
      (id) => channels.find((c) => c.channelId === id) ?? heldChannel(id),
      {
        ...store,
        loadSegment: async (id) => (id === lost ? undefined : store.loadSegment(id)),
      },
    );
    const progress: (boolean | undefined)[] = [];
    indexer.progress.subscribe(() => progress.push(indexer.progress.get()?.rebuilding));
    indexer.watch(["one", "two"]);
    await indexer.idle();
    expect(find(indexer, "kept ")).toHaveLength(2);
    expect(progress).toContain(true);
    indexer.destroy();
  });
});
