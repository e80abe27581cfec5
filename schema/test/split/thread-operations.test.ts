import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createManualEnv,
  createThreadAcross,
  initChannel,
  initSplitChannel,
  initThreadDocument,
  listThreadIndex,
  readDocumentLayout,
  repairThreadIndex,
  setThreadStatusAcross,
  staleEntries,
  threadView,
} from "../../src/index.ts";
import { alice, bob, expectRefused, syncInto } from "../support/channel.ts";

function splitChannel() {
  const channel = new Y.Doc();
  initSplitChannel(channel, "general");
  const threads = new Map<string, Y.Doc>();
  const open = (threadId: string) => {
    const doc = threads.get(threadId) ?? new Y.Doc();
    threads.set(threadId, doc);
    return doc;
  };
  return { channel, threads, open, env: createManualEnv() };
}

describe("creating a thread across the channel and thread documents", () => {
  it("lists it at once, offline, and counts it once the server has read it", () => {
    const { channel, threads, open, env } = splitChannel();
    const updates: string[] = [];
    channel.on("update", () => updates.push("channel"));
    const { threadId, messageId } = createThreadAcross(
      channel,
      (id) => {
        open(id).on("update", () => updates.push("thread"));
        return open(id);
      },
      alice,
      { body: "Plan the launch" },
      env,
    );
    // Its own transaction per document, the thread document first.
    expect(updates).toEqual(["thread", "channel"]);
    const threadDoc = threads.get(threadId) ?? new Y.Doc();
    expect(threadView(threadDoc, threadId)?.messages.map((m) => m.id)).toEqual([messageId]);
    expect(listThreadIndex(channel)).toMatchObject([
      { id: threadId, title: "Plan the launch", messageCount: null, digest: null },
    ]);

    // The server: sets the thread document up, then repairs the index from it.
    const serverThread = new Y.Doc();
    initThreadDocument(serverThread, "general", threadId);
    syncInto(threadDoc, serverThread);
    const serverChannel = new Y.Doc();
    syncInto(channel, serverChannel);
    expect(staleEntries(serverChannel, serverThread)).toMatchObject([
      { problems: ["digest", "entry"] },
    ]);
    repairThreadIndex(serverChannel, serverThread);
    syncInto(serverChannel, channel);
    expect(listThreadIndex(channel)).toMatchObject([{ id: threadId, messageCount: 1 }]);
  });

  it("writes nothing anywhere when refused", () => {
    const { channel, env } = splitChannel();
    const thread = new Y.Doc();
    expectRefused(channel, "empty_body", () =>
      createThreadAcross(channel, () => thread, alice, { body: "  " }, env),
    );
    expect(Y.encodeStateAsUpdate(thread)).toEqual(Y.encodeStateAsUpdate(new Y.Doc()));
  });

  it("lists a thread whose person-written entry never arrived, from the server's digest", () => {
    const device = splitChannel();
    const { threadId } = createThreadAcross(
      device.channel,
      device.open,
      alice,
      { body: "x" },
      device.env,
    );
    const serverChannel = new Y.Doc();
    initSplitChannel(serverChannel, "general");
    const serverThread = new Y.Doc();
    syncInto(device.threads.get(threadId) ?? new Y.Doc(), serverThread);
    repairThreadIndex(serverChannel, serverThread);
    expect(listThreadIndex(serverChannel)).toMatchObject([
      { id: threadId, title: "x", messageCount: 1 },
    ]);
  });

  it("replaces the creator's entry, or anyone's under the thread's id, by the digest", () => {
    const device = splitChannel();
    const { threadId } = createThreadAcross(
      device.channel,
      device.open,
      alice,
      { body: "x" },
      device.env,
    );
    const serverChannel = new Y.Doc();
    initSplitChannel(serverChannel, "general");
    createThreadAcross(
      serverChannel,
      () => new Y.Doc(),
      bob,
      { body: "spoof" },
      {
        now: () => 1,
        newId: () => threadId,
      },
    );
    const threadDoc = device.threads.get(threadId) ?? new Y.Doc();
    expect(staleEntries(serverChannel, threadDoc)).toMatchObject([
      { problems: ["digest", "entry"] },
    ]);
    repairThreadIndex(serverChannel, threadDoc);
    expect(listThreadIndex(serverChannel)).toMatchObject([{ title: "x", createdBy: alice }]);
    expect(serverChannel.getMap("threads").size).toBe(0);
  });

  it("removes the creator's entry when it arrives after the server read the thread", () => {
    const device = splitChannel();
    const { threadId } = createThreadAcross(
      device.channel,
      device.open,
      alice,
      { body: "x" },
      device.env,
    );
    const threadDoc = device.threads.get(threadId) ?? new Y.Doc();
    const serverChannel = new Y.Doc();
    initSplitChannel(serverChannel, "general");
    repairThreadIndex(serverChannel, threadDoc);
    syncInto(device.channel, serverChannel);
    expect(staleEntries(serverChannel, threadDoc)).toMatchObject([{ problems: ["entry"] }]);
    repairThreadIndex(serverChannel, threadDoc);
    expect(staleEntries(serverChannel, threadDoc)).toEqual([]);
    syncInto(serverChannel, device.channel);
    expect(listThreadIndex(device.channel)).toMatchObject([{ title: "x", messageCount: 1 }]);
    expect(device.channel.getMap("threads").size).toBe(0);
  });

  it("changes a thread's status in both documents, or in its thread document alone", () => {
    const device = splitChannel();
    const { threadId } = createThreadAcross(
      device.channel,
      device.open,
      alice,
      { body: "x" },
      device.env,
    );
    const threadDoc = device.threads.get(threadId) ?? new Y.Doc();
    setThreadStatusAcross(device.channel, threadDoc, alice, { threadId, status: "resolved" });
    expect(listThreadIndex(device.channel)[0]?.status).toBe("resolved");
    const elsewhere = new Y.Doc();
    initSplitChannel(elsewhere, "general");
    setThreadStatusAcross(elsewhere, threadDoc, alice, { threadId, status: "archived" });
    expect(threadView(threadDoc, threadId)?.thread.status).toBe("archived");
    expect(listThreadIndex(elsewhere)).toEqual([]);
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
