// Search results in threads held but not open in the page: read from the thread's copy on this
// device when a result needs it, read again when the copy lacks a message, never for a thread
// open here (the page's document is fresher) or no longer catalogued.
import {
  type Actor,
  createManualEnv,
  createThread,
  initChannel,
  postMessage,
  threadDocumentName,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { Observable } from "../state/observable.ts";
import { HeldCopies } from "./held-copies.ts";

const alice: Actor = { kind: "human", id: "alice" };
const env = createManualEnv({ idPrefix: "m" });

/** A thread's document as stored on the device (a fresh copy of it per read). */
function storedThread(channelId: string) {
  const doc = new Y.Doc();
  initChannel(doc, channelId);
  const { threadId, messageId } = createThread(doc, alice, { title: "Trip", body: "zebra" }, env);
  return { doc, threadId, messageId, name: threadDocumentName(channelId, threadId) };
}

function copiesOf(stored: ReturnType<typeof storedThread>[], open: string[] = []) {
  const names = new Observable<ReadonlySet<string>>(new Set(stored.map((each) => each.name)));
  const reads: string[] = [];
  let read = 0;
  let onRead = () => {};
  const copies = new HeldCopies(
    {
      names,
      readNames: async () => names.get(),
      open: () => open,
      opened: new Observable(0),
      readCopy: async (name) => {
        reads.push(name);
        const copy = new Y.Doc();
        const source = stored.find((each) => each.name === name);
        if (source !== undefined) Y.applyUpdate(copy, Y.encodeStateAsUpdate(source.doc));
        return copy;
      },
    },
    () => {
      read += 1;
      onRead();
    },
  );
  /** Resolves after the next `count` reads end. */
  const readsEnd = (count: number) =>
    new Promise<void>((resolve) => {
      const until = read + count;
      onRead = () => {
        if (read >= until) resolve();
      };
    });
  return { copies, names, reads, readsEnd };
}

describe("held copies for search results", () => {
  it("reads a held thread's copy when a result needs it, and again when it lacks a message", async () => {
    const thread = storedThread("c1");
    const { copies, reads, readsEnd } = copiesOf([thread]);
    expect(copies.messageOf("c1", thread.threadId, thread.messageId)).toBeUndefined();

    let ended = readsEnd(1);
    copies.read([thread.name, thread.name]);
    await ended;
    expect(copies.messageOf("c1", thread.threadId, thread.messageId)?.body).toBe("zebra");
    expect(copies.messageOf("c1", thread.threadId, thread.messageId)?.threadTitle).toBe("Trip");

    // A message written since (while open here or in another tab): the copy is read again.
    const reply = postMessage(thread.doc, alice, { threadId: thread.threadId, body: "zebu" }, env);
    expect(copies.messageOf("c1", thread.threadId, reply)).toBeUndefined();
    ended = readsEnd(1);
    copies.read([thread.name]);
    await ended;
    expect(copies.messageOf("c1", thread.threadId, reply)?.body).toBe("zebu");
    expect(reads).toEqual([thread.name, thread.name]);
  });

  it("never reads a thread open here or not catalogued, and forgets one evicted", async () => {
    const open = storedThread("c2");
    const held = storedThread("c2");
    const { copies, names, reads, readsEnd } = copiesOf([open, held], [open.name]);
    const ended = readsEnd(1);
    copies.read([open.name, held.name, threadDocumentName("c2", "never-held")]);
    await ended;
    expect(reads).toEqual([held.name]);

    names.set(new Set([open.name]));
    copies.read([]);
    expect(copies.messageOf("c2", held.threadId, held.messageId)).toBeUndefined();
    copies.read([held.name]);
    expect(reads).toEqual([held.name]);
  });
});
