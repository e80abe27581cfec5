import { describe, expect, it } from "vitest";
import {
  type Actor,
  type EntryLookup,
  type EntryWrite,
  WRITE_RULES,
  type Writer,
  writeRulesFor,
} from "../../src/index.ts";
import { alice } from "../support/channel.ts";

function writerFor(actor: Actor): Writer {
  return {
    actor,
    clientOwner: actor.id,
    access: "write",
    moderator: false,
    actsAs: (id) => id === actor.id,
    mayWriteTask: () => false,
  };
}

const stamp = "001700000000000.000000";
const body = { kind: "text", length: 2, inserted: 2, deleted: 0 };

function created(key: string, after: unknown): EntryWrite {
  return { key, before: undefined, after, replaced: false, changed: new Set() };
}

function message(id: string, threadId: string) {
  return {
    id,
    threadId,
    forkId: null,
    author: alice,
    createdAt: stamp,
    body,
    mentions: [],
    kind: "message",
  };
}

function thread(id: string) {
  return { id, title: "t", createdBy: alice, createdAt: stamp, status: "active" };
}

const nothing: EntryLookup = { after: () => undefined };
const withFork = (threadId: string): EntryLookup => ({
  after: (root) => (root === "forks" ? { threadId, createdBy: alice } : undefined),
});

describe("write rules per kind of document", () => {
  const inThread = writeRulesFor({ layout: "thread", threadId: "t1" });
  const check = (
    root: "messages" | "threads" | "summaryRequests",
    write: EntryWrite,
    lookup = nothing,
  ) => inThread[root]?.check(write, writerFor(alice), lookup);

  it("let a thread document hold only its own thread's entries", () => {
    expect(check("messages", created("m1", message("m1", "t1")))).toBeUndefined();
    expect(check("messages", created("m1", message("m1", "t2")))).toBe(
      "writes a message of another thread",
    );
    expect(check("threads", created("t1", thread("t1")))).toBeUndefined();
    expect(check("threads", created("t2", thread("t2")))).toBe("writes another thread's entry");
    expect(check("summaryRequests", created("thread|t1|alice", 1))).toBeUndefined();
    expect(check("summaryRequests", created("thread|t2|alice", 1))).toBe(
      "asks for a summary in another thread",
    );
    expect(check("summaryRequests", created("fork|f1|alice", 1), withFork("t1"))).toBeUndefined();
    expect(check("summaryRequests", created("fork|f1|alice", 1), withFork("t2"))).toBe(
      "asks for a summary in another thread",
    );
  });

  it("keep each record's own rule in a thread document", () => {
    const bobsMessage = { ...message("m1", "t1"), author: { kind: "human", id: "bob" } };
    expect(check("messages", created("m1", bobsMessage))).toBe("posts as someone else");
    expect(Object.keys(inThread).sort()).not.toContain("threadIndex");
  });

  it("let a split channel document hold only meta and the thread index, both server-only", () => {
    const channel = writeRulesFor({ layout: "split-channel" });
    expect(Object.keys(channel).sort()).toEqual(["meta", "threadIndex"]);
    expect(channel.threadIndex?.check(created("t1", {}), writerFor(alice), nothing)).toBe(
      "only the server writes threadIndex",
    );
    expect(channel.meta?.check(created("layout", "x"), writerFor(alice), nothing)).toBe(
      "only the server writes meta",
    );
  });

  it("leave a one-document channel's rules as they are", () => {
    expect(writeRulesFor({ layout: "one-document" })).toBe(WRITE_RULES);
  });
});
