// The page's IndexClient and the worker's IndexKeeper, talking over a real MessageChannel (the
// structured clone a Worker uses), with the index saved through Dexie (fake-indexeddb): what the
// tests of the index worker and its client share.
import "fake-indexeddb/auto";
import { createManualEnv, initChannel, parseSearchQuery } from "@openvibe/schema";
import { onTestFinished } from "vitest";
import * as Y from "yjs";
import { Observable } from "../state/observable.ts";
import type { HeldChannel } from "./channel-feed.ts";
import { IndexClient, type LocalSearch } from "./index-client.ts";
import { dexieIndexStore, type IndexStore } from "./index-store.ts";
import { IndexKeeper } from "./worker/index-keeper.ts";
import type { FromIndex, ToIndex } from "./worker/protocol.ts";

export const NAMES = { channelIdByName: () => undefined, personIdByHandle: () => undefined };
const DEADLINE_MS = 5_000;

export type Held = HeldChannel & { doc: Y.Doc; env: ReturnType<typeof createManualEnv> };

/** A channel held as one document (every thread in it: what the feed sees is the same). */
export function heldChannel(channelId: string): Held {
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
export function until<T>(observable: Observable<T>, check: (value: T) => boolean, what: string) {
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
export function connect(channels: readonly Held[], store: IndexStore) {
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
export async function watchAll(client: IndexClient, channels: readonly Held[]): Promise<void> {
  client.watch(channels.map((channel) => channel.channelId));
  await until(client.readyChannels, (ready) => ready === channels.length, "channels ready");
}

/** The ids of the answer to `query`. */
export async function find(client: IndexClient, query: string): Promise<string[]> {
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
export async function saveIndexOf(name: string, channels: readonly Held[]): Promise<void> {
  const { client } = connect(channels, dexieIndexStore(name));
  await watchAll(client, channels);
  await client.flushed();
  client.destroy();
}
