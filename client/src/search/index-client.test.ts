// The page's IndexClient and the worker's IndexKeeper, talking over a real MessageChannel (the
// structured clone a Worker uses), with the index saved through Dexie (fake-indexeddb).
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
import { describe, expect, it, onTestFinished } from "vitest";
import * as Y from "yjs";
import { Observable } from "../state/observable.ts";
import type { HeldChannel } from "./channel-feed.ts";
import { IndexClient, type LocalSearch } from "./index-client.ts";
import { dexieIndexStore, type IndexStore } from "./index-store.ts";
import { IndexKeeper } from "./worker/index-keeper.ts";
import type { FromIndex, ToIndex } from "./worker/protocol.ts";

const alice: Actor = { kind: "human", id: "alice" };
const NAMES = { channelIdByName: () => undefined, personIdByHandle: () => undefined };
const DEADLINE_MS = 5_000;

type Held = HeldChannel & { doc: Y.Doc; env: ReturnType<typeof createManualEnv> };

/** A channel held as one document (every thread in it: what the feed sees is the same). */
function heldChannel(channelId: string): Held {
  const doc = new Y.Doc();
  initChannel(doc, channelId);
  const loaded = new Observable(true);
  return {
    channelId,
    doc,
    documents: () => [{ doc, loaded }],
    env: createManualEnv({ idPrefix: channelId }),
  };
}

/** Resolves when `check` passes on the observable, or fails after a deadline naming `what`. */
function until<T>(observable: Observable<T>, check: (value: T) => boolean, what: string) {
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no ${what} in ${DEADLINE_MS} ms`)),
      DEADLINE_MS,
    );
    const test = () => {
      if (!check(observable.get())) return;
      clearTimeout(timer);
      stop();
      resolve();
    };
    const stop = observable.subscribe(test);
    test();
  });
}

/** A client and a keeper on the two ends of a MessageChannel, as page and worker. */
function connect(channels: readonly Held[], store: IndexStore) {
  const { port1: page, port2: worker } = new MessageChannel();
  const sent: FromIndex[] = [];
  const keeper = new IndexKeeper(store, (message: FromIndex) => {
    sent.push(message);
    worker.postMessage(message);
  });
  const received: ToIndex[] = [];
  worker.addEventListener("message", (event: MessageEvent<ToIndex>) => {
    received.push(event.data);
    keeper.receive(event.data);
  });
  worker.start();
  page.start();
  const byId = new Map(channels.map((channel) => [channel.channelId, channel]));
  const client = new IndexClient(page, {
    userId: "u",
    open: (id) => byId.get(id) ?? heldChannel(id),
    close: () => {
      keeper.destroy();
      page.close();
      worker.close();
    },
  });
  onTestFinished(() => client.destroy());
  return { client, keeper, received, sent };
}

/** Watches the channels and waits until they are all indexed. */
async function watchAll(client: IndexClient, channels: readonly Held[]): Promise<void> {
  client.watch(channels.map((channel) => channel.channelId));
  await until(client.readyChannels, (ready) => ready === channels.length, "channels ready");
}

/** The ids of the answer to `query`. */
async function find(client: IndexClient, query: string): Promise<string[]> {
  const search: LocalSearch = { parsed: parseSearchQuery(query), names: NAMES, limit: 20 };
  const answered = until(
    client.answers.current,
    (a) => a?.request === search,
    `answer to ${query}`,
  );
  client.search(search);
  await answered;
  return (client.answers.current.get()?.answer ?? []).map((hit) => hit.messageId);
}

/** Indexes these channels whole and saves the index to the store named `name`. */
async function saveIndexOf(name: string, channels: readonly Held[]): Promise<void> {
  const { client } = connect(channels, dexieIndexStore(name));
  await watchAll(client, channels);
  await client.flushed();
  client.destroy();
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
