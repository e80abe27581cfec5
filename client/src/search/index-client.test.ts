// The page's IndexClient and the worker's IndexKeeper, talking over a real MessageChannel, with
// the index saved through Dexie (test-index-pair.ts).
import "fake-indexeddb/auto";
import {
  type Actor,
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
import {
  connect,
  find,
  heldChannel,
  NAMES,
  saveIndexOf,
  until,
  watchAll,
} from "./test-index-pair.ts";

const alice: Actor = { kind: "human", id: "alice" };

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

describe("the index worker and its client", () => {
  it("follow edits, deletes and new messages without rebuilding", async () => {
    const channel = heldChannel("c1");
    const { threadId, messageId } = createThread(
      channel.doc,
      alice,
      { title: "Plans", body: "quarterly roadmap" },
      channel.env,
    );
    const { client, keeper } = connect([channel], dexieIndexStore("follow"));
    await watchAll(client, [channel]);
    expect(await find(client, "roadm")).toEqual([messageId]);

    editMessage(channel.doc, alice, { messageId, body: "yearly budget" }, channel.env);
    expect(await find(client, "roadmap ")).toEqual([]);
    expect(await find(client, "budg")).toEqual([messageId]);
    const reply = postMessage(
      channel.doc,
      alice,
      { threadId, body: "budget approved" },
      channel.env,
    );
    deleteMessage(channel.doc, alice, { messageId }, channel.env);
    expect(await find(client, "budget ")).toEqual([reply]);

    client.watch([]);
    await client.flushed();
    expect(keeper.index.size).toBe(0);
  });

  it("answer only the last query of a burst typed faster than the worker answers", async () => {
    const channel = heldChannel("burst");
    const ids = ["pay", "payment", "payments due"].map(
      (body) => createThread(channel.doc, alice, { title: "T", body }, channel.env).messageId,
    );
    const { client, received, sent } = connect([channel], dexieIndexStore("burst"));
    await watchAll(client, [channel]);
    const answers: string[] = [];
    client.answers.current.subscribe(() => {
      const current = client.answers.current.get();
      if (current !== null) answers.push(current.request.parsed.terms[0]?.text ?? "");
    });
    const typed = ["p", "pa", "pay", "paym", "payme", "paymen", "payments"];
    for (const text of typed.slice(0, -1)) {
      client.search({ parsed: parseSearchQuery(text), names: NAMES, limit: 20 });
    }
    expect(await find(client, "payments")).toEqual([ids[2]]);
    expect(answers).toEqual(["payments"]);
    // All seven reached the worker, which answered only the last (the others were still queued).
    expect(received.filter((message) => message.type === "search")).toHaveLength(typed.length);
    expect(sent.filter((message) => message.type === "answer")).toHaveLength(1);
  });

  it("reload a saved index and skip channels that did not change", async () => {
    const channel = heldChannel("c2");
    createThread(channel.doc, alice, { title: "T", body: "persisted words" }, channel.env);
    await saveIndexOf("reload", [channel]);

    const { client, received } = connect([channel], dexieIndexStore("reload"));
    const progress: unknown[] = [];
    client.progress.subscribe(() => progress.push(client.progress.get()));
    await watchAll(client, [channel]);
    expect(await find(client, "persist")).toHaveLength(1);
    expect(progress).toEqual([]);
    expect(received.some((message) => message.type === "listing")).toBe(false);
  });

  it("keep a change made while the saved index is loading", async () => {
    const channel = heldChannel("c3");
    const { messageId } = createThread(
      channel.doc,
      alice,
      { title: "T", body: "old" },
      channel.env,
    );
    await saveIndexOf("late", [channel]);

    const store = dexieIndexStore("late");
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { client, keeper } = connect([channel], {
      ...store,
      load: () => held.then(() => store.load()),
    });
    client.watch(["c3"]);
    editMessage(channel.doc, alice, { messageId, body: "new" }, channel.env);
    client.feed.flush();
    release();
    await until(client.readyChannels, (ready) => ready === 1, "channel ready");
    expect(await find(client, "new ")).toEqual([messageId]);
    expect(await find(client, "old ")).toEqual([]);
    expect(keeper.index.channelMessageIds("c3").size).toBe(1);
    const { segmentIds } = await keeper.index.unsaved();
    expect(new Set(segmentIds).size).toBe(segmentIds.length);
  });

  it("load a saved index a segment at a time, the newest first, searching what is loaded", async () => {
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
    const { client } = connect([early, late], gate.store);
    await gate.firstRequest;
    expect(gate.requested).toHaveLength(1);
    const version = client.version.get();
    gate.release();
    await until(client.version, (v) => v > version, "segment restored");
    // Only the newest segment is in: the second read was asked for after it, not before.
    expect(await find(client, "status ")).toEqual([messageId]);
    expect(gate.requested).toHaveLength(2);
    gate.release();
    await watchAll(client, [early, late]);
    expect(await find(client, "status ")).toHaveLength(2);
  });

  it("rebuild a saved index whose segment is missing", async () => {
    const channels = ["one", "two"].map((id) => {
      const channel = heldChannel(id);
      createThread(channel.doc, alice, { title: "T", body: `kept in ${id}` }, channel.env);
      return channel;
    });
    await saveIndexOf("missing", channels);

    const store = dexieIndexStore("missing");
    const saved = await store.load();
    const lost = saved?.segmentIds.at(-1);
    const { client } = connect(channels, {
      ...store,
      loadSegment: async (id) => (id === lost ? undefined : store.loadSegment(id)),
    });
    const progress: (boolean | undefined)[] = [];
    client.progress.subscribe(() => progress.push(client.progress.get()?.rebuilding));
    await watchAll(client, channels);
    expect(await find(client, "kept ")).toHaveLength(2);
    expect(progress).toContain(true);
  });
});

describe("a thread fetched in the background while its channel is first listed", () => {
  it("stays indexed though it closed before the listing named the documents open", async () => {
    // The page holds the channel as two documents: the thread fetched in the background, and
    // (open now) the channel's own.
    const channel = heldChannel("fetched");
    const thread = new Y.Doc();
    initChannel(thread, "fetched");
    const { messageId } = createThread(
      thread,
      alice,
      { title: "Trip", body: "zebra sightings" },
      channel.env,
    );
    const opened = new Observable(0);
    let documents = [{ doc: channel.doc, loaded: new Observable(true) }];
    const { client } = connect(
      [{ ...channel, documents: () => documents, opened }],
      dexieIndexStore("fetched-while-listed"),
    );

    // The worker has no state for the channel: it will ask for its listing. Before it does, the
    // thread opens, its messages are sent, and it closes again (the background fetch is over).
    client.watch(["fetched"]);
    documents = [...documents, { doc: thread, loaded: new Observable(true) }];
    opened.set(1);
    client.feed.flush();
    documents = documents.slice(0, 1);
    opened.set(2);

    await until(client.readyChannels, (ready) => ready === 1, "channel listed");
    expect(await find(client, "zebra ")).toEqual([messageId]);
  });
});
