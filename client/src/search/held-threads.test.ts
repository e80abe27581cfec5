// The browser index keeps to the threads this device holds (held-threads.ts): a thread evicted
// leaves it, and its saved form, while the page runs; one evicted while no page indexed is
// dropped at the next start; a thread open in the page stays, held yet or not.
import "fake-indexeddb/auto";
import { type Actor, createThread, initChannel, threadDocumentName } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { Observable } from "../state/observable.ts";
import type { HeldThreads } from "./held-threads.ts";
import { dexieIndexStore } from "./index-store.ts";
import { connect, find, type Held, heldChannel, saveIndexOf, watchAll } from "./test-index-pair.ts";

const alice: Actor = { kind: "human", id: "alice" };

/**
 * A catalogue holding `names`, with `open` open in the page (`setOpen` changes it); its first
 * read answers once `answerRead` is called, if `readWaits`.
 */
function heldThreads(
  names: readonly string[],
  open: readonly string[] = [],
  { readWaits = false } = {},
) {
  const held = new Observable<ReadonlySet<string>>(new Set(names));
  const opened = new Observable(0);
  let openNow = open;
  let answerRead = () => {};
  const readAnswered = readWaits
    ? new Promise<void>((resolve) => {
        answerRead = resolve;
      })
    : Promise.resolve();
  const threads: HeldThreads = {
    names: held,
    readNames: async () => {
      const read = held.get();
      await readAnswered;
      return read;
    },
    open: () => openNow,
    opened,
    // Copies read for threads the index lacks hold nothing here (unless a test says otherwise).
    readCopy: async () => new Y.Doc(),
  };
  const setOpen = (now: readonly string[]) => {
    openNow = now;
    opened.set(opened.get() + 1);
  };
  return {
    threads,
    set: (now: readonly string[]) => held.set(new Set(now)),
    setOpen,
    answerRead: () => answerRead(),
  };
}

/**
 * A channel of three threads, each a message saying "trip": their document names and messages
 * (one document holds them all; the feed follows it whole).
 */
function channelOfThreads(channelId: string) {
  const channel = heldChannel(channelId);
  const thread = (where: string) => {
    const { threadId, messageId } = createThread(
      channel.doc,
      alice,
      { title: where, body: `trip ${where}` },
      channel.env,
    );
    return { name: threadDocumentName(channelId, threadId), messageId };
  };
  return { channel, north: thread("north"), south: thread("south"), east: thread("east") };
}

/** The ids of the messages saved in the store named `name`. */
async function savedIds(name: string): Promise<string[]> {
  const store = dexieIndexStore(name);
  const saved = await store.load();
  const segments = await Promise.all((saved?.segmentIds ?? []).map((id) => store.loadSegment(id)));
  store.close();
  return segments.flatMap((segment) => segment?.ids ?? []).sort();
}

async function indexedWith(channel: Held, storeName: string, threads: HeldThreads) {
  const pair = connect([channel], dexieIndexStore(storeName));
  pair.client.followHeld(threads);
  await watchAll(pair.client, [channel]);
  await pair.client.flushed();
  return pair;
}

describe("the browser index and the threads held", () => {
  it("forgets a thread evicted while the page runs, in the saved index too", async () => {
    const { channel, north, south, east } = channelOfThreads("evicted");
    const held = heldThreads([north.name, south.name, east.name], [east.name]);
    const { client } = await indexedWith(channel, "evicted", held.threads);
    expect(await find(client, "trip ")).toHaveLength(3);

    // North and east leave the catalogue; east is open here, so it stays.
    held.set([south.name]);
    await client.flushed();
    const kept = [south.messageId, east.messageId].sort();
    expect((await find(client, "trip ")).sort()).toEqual(kept);
    expect(await find(client, "north ")).toEqual([]);
    expect(await savedIds("evicted")).toEqual(kept);
  });

  it("drops at start the threads no longer held, keeping those open", async () => {
    const { channel, south, east } = channelOfThreads("restart");
    await saveIndexOf("restart", [channel]);
    expect(await savedIds("restart")).toHaveLength(3);

    // Evicted while no page indexed: north. East is open in this page (not catalogued yet), its
    // document still loading: nothing is fed again.
    const held = heldThreads([south.name], [east.name]);
    const loadedNow = heldChannel("restart");
    const { client, received } = await indexedWith(loadedNow, "restart", held.threads);
    const kept = [south.messageId, east.messageId].sort();
    expect((await find(client, "trip ")).sort()).toEqual(kept);
    expect(await savedIds("restart")).toEqual(kept);
    // The saved index was reused, not rebuilt: only north's message went.
    expect(received.some((message) => message.type === "listing")).toBe(false);
    expect(await find(client, "north ")).toEqual([]);
  });

  it("keeps a thread opened, indexed and closed while the catalogue was being read", async () => {
    const { channel, south, east } = channelOfThreads("read-race");
    await saveIndexOf("read-race", [channel]);

    // South is catalogued. While the catalogue is read (before east's row was written), east is
    // fetched in the background: opened and closed again, its messages indexed.
    const held = heldThreads([south.name], [], { readWaits: true });
    const { client } = await indexedWith(heldChannel("read-race"), "read-race", held.threads);
    held.setOpen([east.name]);
    held.setOpen([]);
    held.answerRead();
    await client.flushed();

    expect((await find(client, "trip ")).sort()).toEqual([south.messageId, east.messageId].sort());
    expect(await find(client, "north ")).toEqual([]);
  });

  it("indexes from its copy a thread held whose messages the index lacks", async () => {
    // The index was saved with south and east only: north was fetched in the background and the
    // page went before the index saved it.
    const { channel, south, east } = channelOfThreads("lost-save");
    await saveIndexOf("lost-save", [channel]);
    const north = new Y.Doc();
    initChannel(north, "lost-save");
    const { threadId, messageId } = createThread(
      north,
      alice,
      { title: "north", body: "trip north" },
      channel.env,
    );
    const northName = threadDocumentName("lost-save", threadId);

    const held = heldThreads([south.name, east.name, northName]);
    const threads: HeldThreads = {
      ...held.threads,
      readCopy: async (name) => (name === northName ? north : new Y.Doc()),
    };
    const { client } = await indexedWith(heldChannel("lost-save"), "lost-save", threads);
    await expect.poll(() => find(client, "north ")).toEqual([messageId]);
    expect(await find(client, "trip ")).toHaveLength(3);
  });
});
