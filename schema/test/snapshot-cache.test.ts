import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createThread,
  editMessage,
  getMessage,
  listThreads,
  observeChannelChanges,
  pinMessage,
  postMessage,
  react,
  threadView,
  unpinMessage,
  unreact,
} from "../src/index.ts";
import { alice, bob, newChannel, syncInto } from "./support/channel.ts";

describe("reads between changes", () => {
  it("see every local change, even when a read came just before it", () => {
    const { doc, env } = newChannel();
    const { messageId } = createThread(doc, alice, { title: "T", body: "one" }, env);
    expect(getMessage(doc, messageId)?.body).toBe("one");
    editMessage(doc, alice, { messageId, body: "two" }, env);
    expect(getMessage(doc, messageId)?.body).toBe("two");
  });

  it("see a peer's update, and observers read the state after it", () => {
    const writer = newChannel();
    const reader = new Y.Doc();
    syncInto(writer.doc, reader);
    const { threadId } = createThread(writer.doc, alice, { title: "T", body: "first" }, writer.env);
    syncInto(writer.doc, reader);
    const seenByObserver: (string | undefined)[] = [];
    observeChannelChanges(reader, (changes) => {
      for (const id of changes.addedMessages) seenByObserver.push(getMessage(reader, id)?.body);
    });
    const ids = writer.doc.transact(() =>
      Array.from({ length: 3 }, (_, n) =>
        postMessage(writer.doc, alice, { threadId, body: `m${n}` }, writer.env),
      ),
    );
    syncInto(writer.doc, reader);
    expect(seenByObserver).toEqual(["m0", "m1", "m2"]);
    expect(ids.map((id) => getMessage(reader, id)?.body)).toEqual(["m0", "m1", "m2"]);
  });
});

describe("reads inside a transaction", () => {
  it("see what the transaction wrote so far, and the index stays in step after it", () => {
    const { doc, env } = newChannel();
    const { threadId } = createThread(doc, alice, { title: "T", body: "one" }, env);
    expect(threadView(doc, threadId)?.messages).toHaveLength(1);
    doc.transact(() => {
      postMessage(doc, alice, { threadId, body: "two" }, env);
      expect(threadView(doc, threadId)?.messages.map((m) => m.body)).toEqual(["one", "two"]);
      postMessage(doc, alice, { threadId, body: "three" }, env);
    });
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc));
    expect(threadView(doc, threadId)).toEqual(threadView(fresh, threadId));
    expect(listThreads(doc)).toEqual(listThreads(fresh));
  });
});

describe("many operations in one transaction (an import)", () => {
  it("read every step right: posts in order, edits, reactions and pins that come and go", () => {
    const { doc, env } = newChannel();
    const { threadId, messageId: first } = createThread(doc, alice, { title: "T", body: "0" }, env);
    const fresh = () => {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
      return threadView(copy, threadId);
    };
    doc.transact(() => {
      for (let n = 1; n <= 200; n++) {
        const id = postMessage(doc, alice, { threadId, body: `${n}` }, env);
        if (n % 50 === 0) {
          editMessage(doc, alice, { messageId: first, body: `edited at ${n}` }, env);
          react(doc, bob, { messageId: id, emoji: "👍" }, env);
          pinMessage(doc, bob, { messageId: id }, env);
          expect(getMessage(doc, id)).toMatchObject({ pinned: true, reactions: [{ count: 1 }] });
          unreact(doc, bob, { messageId: id, emoji: "👍" });
          unpinMessage(doc, bob, { messageId: id });
          expect(threadView(doc, threadId)).toEqual(fresh());
        }
      }
    });
    const messages = threadView(doc, threadId)?.messages ?? [];
    expect(messages.map((m) => m.body)).toEqual([
      "edited at 200",
      ...Array.from({ length: 200 }, (_, n) => `${n + 1}`),
    ]);
    expect(threadView(doc, threadId)).toEqual(fresh());
  });
});

describe("reads after reactions and pins come and go", () => {
  it("drop what was removed since the last read", () => {
    const { doc, env } = newChannel();
    const { threadId, messageId } = createThread(doc, alice, { title: "T", body: "one" }, env);
    react(doc, alice, { messageId, emoji: "👍" }, env);
    react(doc, bob, { messageId, emoji: "👍" }, env);
    pinMessage(doc, alice, { messageId }, env);
    expect(getMessage(doc, messageId)).toMatchObject({
      pinned: true,
      reactions: [{ emoji: "👍", actorIds: ["alice", "bob"], count: 2 }],
    });
    unreact(doc, alice, { messageId, emoji: "👍" });
    expect(getMessage(doc, messageId)?.reactions).toEqual([
      { emoji: "👍", actorIds: ["bob"], count: 1 },
    ]);
    unreact(doc, bob, { messageId, emoji: "👍" });
    unpinMessage(doc, alice, { messageId });
    expect(getMessage(doc, messageId)).toMatchObject({ pinned: false, reactions: [] });
    expect(threadView(doc, threadId)?.messages[0]?.reactions).toEqual([]);
  });
});
