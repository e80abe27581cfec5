import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createManualEnv,
  createSplitThread,
  initChannel,
  initSplitChannel,
  initThreadDocument,
  listThreadIndex,
  readDocumentLayout,
  repairThreadIndex,
  threadView,
} from "../../src/index.ts";
import { alice, expectRefused, syncInto } from "../support/channel.ts";

describe("creating a thread in the split layout", () => {
  it("writes only the new thread document, lists it at once, and for everyone once digested", () => {
    const env = createManualEnv();
    const channel = new Y.Doc();
    initSplitChannel(channel, "general");
    const channelState = Y.encodeStateAsUpdate(channel);
    const threads = new Map<string, Y.Doc>();
    const { threadId, messageId } = createSplitThread(
      (id) => {
        const doc = new Y.Doc();
        threads.set(id, doc);
        return doc;
      },
      alice,
      { body: "Plan the launch" },
      env,
    );
    expect(Y.encodeStateAsUpdate(channel)).toEqual(channelState);
    const threadDoc = threads.get(threadId) ?? new Y.Doc();
    expect(threadView(threadDoc, threadId)?.messages.map((m) => m.id)).toEqual([messageId]);
    // Pending on this device (from its own thread document), absent for everyone else.
    expect(listThreadIndex(channel, threads.values())).toMatchObject([
      { id: threadId, title: "Plan the launch", messageCount: 1, digest: null },
    ]);
    expect(listThreadIndex(channel)).toEqual([]);

    // The server: sets the thread document up, then writes the digest from it.
    const serverThread = new Y.Doc();
    initThreadDocument(serverThread, "general", threadId);
    syncInto(threadDoc, serverThread);
    const serverChannel = new Y.Doc();
    syncInto(channel, serverChannel);
    expect(repairThreadIndex(serverChannel, serverThread)).toMatchObject({ written: true });
    syncInto(serverChannel, channel);
    const listed = listThreadIndex(channel, threads.values());
    expect(listed).toMatchObject([{ id: threadId, messageCount: 1 }]);
    expect(listed[0]?.digest).not.toBeNull();
    expect(listThreadIndex(channel)).toEqual(listed);
  });

  it("writes nothing when refused", () => {
    const thread = new Y.Doc();
    expectRefused(thread, "empty_body", () =>
      createSplitThread(() => thread, alice, { body: "  " }, createManualEnv()),
    );
    expect(Y.encodeStateAsUpdate(thread)).toEqual(Y.encodeStateAsUpdate(new Y.Doc()));
  });
});

describe("setting up split documents (server)", () => {
  it("marks only new channels split, and refuses a thread document of another thread", () => {
    const fresh = new Y.Doc();
    initSplitChannel(fresh, "general");
    expect(readDocumentLayout(fresh)).toBe("split-channel");
    const old = new Y.Doc();
    initChannel(old, "general");
    initSplitChannel(old, "general");
    expect(readDocumentLayout(old)).toBe("one-document");

    const thread = new Y.Doc();
    initThreadDocument(thread, "general", "t1");
    const state = Y.encodeStateAsUpdate(thread);
    initThreadDocument(thread, "general", "t1");
    expect(Y.encodeStateAsUpdate(thread)).toEqual(state);
    expect(readDocumentLayout(thread)).toBe("thread");
    expect(() => initThreadDocument(thread, "general", "t2")).toThrow(/thread "t1"/);
    expect(() => initThreadDocument(thread, "random", "t1")).toThrow(/channel "general"/);
  });
});
