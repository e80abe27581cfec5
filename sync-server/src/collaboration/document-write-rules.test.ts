// The write guard's inspector on the documents of the split layout (docs/history-split.md), with
// the table the server picks from the document's name and its own copy: a thread document takes
// its own thread's posts, edits, reactions and forks from their authors and nothing else (no
// forged authorship, no other thread's entries, no meta); a split channel document takes nothing
// from any peer (meta and the thread index are the server's). A name that disagrees with the
// server's copy takes nothing.
import {
  type Actor,
  createFork,
  createSplitThread,
  createThread,
  editMessage,
  initChannel,
  initSplitChannel,
  initThreadDocument,
  postMessage,
  react,
  repairThreadIndex,
  threadDocumentName,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MemoryClientIdOwners, PeerReplica, testWriter } from "../../test/support/guard-world.ts";
import { guardedDocument, writeRulesForDocument } from "./document-write-rules.ts";
import { inspectUpdate } from "./update-inspection.ts";

const CHANNEL = "channel-1";
const admin: Actor = { kind: "human", id: "admin-1" };
const member: Actor = { kind: "human", id: "member-1" };
const NOW = "001764900000000.000000";

const refused = { allowed: false, why: expect.any(String) };
const allowed = { allowed: true, claimedClientIds: expect.any(Array) };

/** The server's thread document of a thread the admin started, and a member's replica of it. */
function threadWorld() {
  const server = new Y.Doc();
  const { threadId, messageId } = createSplitThread(() => server, admin, {
    title: "plans",
    body: "the admin's words",
  });
  initThreadDocument(server, CHANNEL, threadId);
  const name = threadDocumentName(CHANNEL, threadId);
  const rules = writeRulesForDocument(name, server);
  if (rules === null) throw new Error("no rules for a thread document");
  const peer = new PeerReplica(server, testWriter(member), new MemoryClientIdOwners(), rules);
  return { server, peer, threadId, messageId, name };
}

function entryOf(doc: Y.Doc, root: string, key: string): Y.Map<unknown> {
  const entry = doc.getMap(root).get(key);
  if (!(entry instanceof Y.Map)) throw new Error(`no ${root}/${key}`);
  return entry;
}

function rawMessage(fields: Record<string, unknown>): Y.Map<unknown> {
  const entry = new Y.Map<unknown>();
  for (const [name, value] of Object.entries(fields)) entry.set(name, value);
  entry.set("body", new Y.Text("forged"));
  return entry;
}

describe("the write guard in a thread document", () => {
  it("accepts a member's honest posts, edits, reactions and forks in the thread", () => {
    const w = threadWorld();
    const post = w.peer.sent((doc) =>
      postMessage(doc, member, { threadId: w.threadId, body: "hi" }),
    );
    expect(w.peer.deliver(post)).toEqual(allowed);
    const own = [...w.server.getMap("messages").keys()].find((key) => key !== w.messageId) ?? "";
    w.peer.pull();
    const honest = [
      (doc: Y.Doc) => editMessage(doc, member, { messageId: own, body: "hi again" }),
      (doc: Y.Doc) => react(doc, member, { messageId: w.messageId, emoji: "👍" }),
      (doc: Y.Doc) => createFork(doc, member, { messageId: w.messageId, body: "side" }),
    ];
    for (const write of honest) expect(w.peer.deliver(w.peer.sent(write))).toEqual(allowed);
  });

  it("refuses forged authorship, others' messages, other threads' entries, meta and digests", () => {
    const message = (id: string, threadId: string, author: Actor) => ({
      id,
      threadId,
      forkId: null,
      author,
      createdAt: NOW,
      mentions: [],
      kind: "message",
    });
    type World = ReturnType<typeof threadWorld>;
    /** Each forgery, on a fresh replica, and what the refusal must say. */
    const forgeries: [string, (doc: Y.Doc, w: World) => void, string][] = [
      [
        "posts as the admin",
        (doc, w) => doc.getMap("messages").set("f1", rawMessage(message("f1", w.threadId, admin))),
        "posts as someone else",
      ],
      [
        "rewrites the admin's message",
        (doc, w) => (entryOf(doc, "messages", w.messageId).get("body") as Y.Text).insert(0, "no "),
        "messages/",
      ],
      [
        "posts a message of another thread",
        (doc) => doc.getMap("messages").set("f2", rawMessage(message("f2", "other", member))),
        "writes a message of another thread",
      ],
      [
        "creates another thread's entry",
        (doc) => createThread(doc, member, { title: "x", body: "y" }),
        "another thread",
      ],
      [
        "archives the admin's thread",
        (doc, w) => entryOf(doc, "threads", w.threadId).set("status", "archived"),
        "threads/",
      ],
      [
        "sets up meta for another thread",
        (doc) => doc.getMap("meta").set("threadId", "x"),
        "meta/",
      ],
      [
        "writes a digest",
        (doc, w) => doc.getArray("threadIndex").push([{ key: w.threadId, val: { title: "x" } }]),
        // An item of an array root has no key: no peer write has a place there.
        "outside the layout",
      ],
      [
        "writes late arrivals",
        (doc, w) => doc.getMap("lateArrivals").set(w.messageId, 1),
        "lateArrivals/",
      ],
    ];
    for (const [what, forge, reason] of forgeries) {
      const w = threadWorld();
      const inspection = w.peer.inspect(w.peer.sent((doc) => forge(doc, w)));
      expect(inspection, what).toEqual(refused);
      expect(inspection.allowed ? "" : inspection.why, what).toContain(reason);
    }
  });

  it("refuses a legal post mixed with a message of another thread, whole", () => {
    const w = threadWorld();
    const mixed = w.peer.sent((doc) =>
      doc.transact(() => {
        postMessage(doc, member, { threadId: w.threadId, body: "mine, legal" });
        doc.getMap("messages").set(
          "f3",
          rawMessage({
            id: "f3",
            threadId: "other-thread",
            forkId: null,
            author: member,
            createdAt: NOW,
            mentions: [],
            kind: "message",
          }),
        );
      }),
    );
    const inspection = w.peer.inspect(mixed);
    expect(inspection).toEqual(refused);
    expect(inspection.allowed ? "" : inspection.why).toContain("another thread");
  });
});

describe("the write guard in a split channel document", () => {
  /** The server's split channel document, with the digest of a thread the admin started. */
  function splitWorld() {
    const server = new Y.Doc();
    initSplitChannel(server, CHANNEL);
    const threadDoc = new Y.Doc();
    const { threadId } = createSplitThread(() => threadDoc, admin, { title: "t", body: "b" });
    initThreadDocument(threadDoc, CHANNEL, threadId);
    repairThreadIndex(server, threadDoc);
    const rules = writeRulesForDocument(`channel:${CHANNEL}`, server);
    if (rules === null) throw new Error("no rules for a split channel document");
    const peer = new PeerReplica(server, testWriter(member), new MemoryClientIdOwners(), rules);
    return { server, peer, threadId };
  }

  it("takes nothing from a peer: no thread entries, messages, digests or meta", () => {
    const personEntry = (doc: Y.Doc, threadId: string) => {
      const entry = new Y.Map<unknown>();
      doc.getMap("threads").set(threadId, entry);
      const fields = { id: threadId, title: "mine", createdBy: member, createdAt: NOW };
      for (const [field, value] of Object.entries({ ...fields, status: "active" })) {
        entry.set(field, value);
      }
    };
    const digest = { title: "forged" };
    const forgeries: [string, (doc: Y.Doc, threadId: string) => void, string][] = [
      ["a person-written thread entry", (doc) => personEntry(doc, "t-new"), "threads"],
      ["one under a listed thread", (doc, threadId) => personEntry(doc, threadId), "threads"],
      ["a thread", (doc) => createThread(doc, member, { title: "t", body: "b" }), "does not hold"],
      [
        "a digest",
        (doc) => doc.getArray("threadIndex").push([{ key: "t1", val: digest }]),
        "writes outside the layout",
      ],
      [
        "a removed digest",
        (doc) => doc.getArray("threadIndex").delete(0, 1),
        "deletes outside the layout",
      ],
      [
        "a digest as a map entry",
        (doc) => doc.getMap("threadIndex").set("t1", digest),
        // The server's copy holds an array there: reading it as a map fails, which refuses.
        "malformed update",
      ],
      ["a layout change", (doc) => doc.getMap("meta").set("layout", "one-document"), "meta/"],
    ];
    for (const [what, forge, reason] of forgeries) {
      const w = splitWorld();
      const before = Y.encodeStateAsUpdate(w.server);
      const judged = w.peer.deliver(w.peer.sent((doc) => forge(doc, w.threadId)));
      expect(judged, what).toEqual(refused);
      expect(judged.allowed ? "" : judged.why, what).toContain(reason);
      expect(Y.encodeStateAsUpdate(w.server), what).toEqual(before);
    }
  });
});

describe("a thread document the server holds", () => {
  it("refuses anyone else's thread entry as a replacement: the creator is always first", () => {
    // The admin's thread document reached the server, which digested it: the id is now visible.
    const server = new Y.Doc();
    const { threadId } = createSplitThread(() => server, admin, { title: "plans", body: "hi" });
    initThreadDocument(server, CHANNEL, threadId);
    const rules = writeRulesForDocument(threadDocumentName(CHANNEL, threadId), server);
    if (rules === null) throw new Error("no rules for a thread document");
    // A member who read the id writes a thread entry of their own under it, from a fresh replica.
    const squatter = new PeerReplica(new Y.Doc(), testWriter(member), new MemoryClientIdOwners());
    const entry = squatter.sent((doc) => {
      const fresh = new Y.Map<unknown>();
      doc.getMap("threads").set(threadId, fresh);
      const fields = { id: threadId, title: "taken", createdBy: member, createdAt: NOW };
      for (const [field, value] of Object.entries({ ...fields, status: "active" })) {
        fresh.set(field, value);
      }
    });
    const owners = new MemoryClientIdOwners();
    const taken = inspectUpdate(server, entry, testWriter(member), owners, rules);
    expect(taken).toEqual(refused);
    expect(taken.allowed ? "" : taken.why).toContain("replaces a thread");
  });
});

describe("the kind of document the guard sees", () => {
  it("comes from the name, and the server's copy must agree", () => {
    const oneDocument = new Y.Doc();
    initChannel(oneDocument, CHANNEL);
    expect(guardedDocument(`channel:${CHANNEL}`, oneDocument)).toEqual({ layout: "one-document" });
    const split = new Y.Doc();
    initSplitChannel(split, CHANNEL);
    expect(guardedDocument(`channel:${CHANNEL}`, split)).toEqual({ layout: "split-channel" });
    // A thread document the server has not set up yet is one by its name.
    expect(guardedDocument(threadDocumentName(CHANNEL, "t1"), new Y.Doc())).toEqual({
      layout: "thread",
      threadId: "t1",
    });
    const threadDoc = new Y.Doc();
    initThreadDocument(threadDoc, CHANNEL, "t1");
    expect(guardedDocument(threadDocumentName(CHANNEL, "t1"), threadDoc)).toEqual({
      layout: "thread",
      threadId: "t1",
    });
    // Disagreements take no writes at all.
    expect(guardedDocument(threadDocumentName(CHANNEL, "t2"), threadDoc)).toBeNull();
    expect(guardedDocument(`channel:${CHANNEL}`, threadDoc)).toBeNull();
    expect(guardedDocument(threadDocumentName(CHANNEL, "t1"), split)).toBeNull();
    expect(guardedDocument(`thread:${CHANNEL}`, new Y.Doc())).toBeNull();
  });
});
