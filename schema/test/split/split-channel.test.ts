import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createManualEnv,
  decideToolCall,
  deriveThreadIndexEntry,
  finishToolStep,
  forkView,
  getMessage,
  initChannel,
  isChannelError,
  lateArrivalOf,
  listPinned,
  listSummaryRequests,
  listThreadIndex,
  listThreads,
  messageVersionsOf,
  pendingSummaryRequests,
  postMessage,
  readDocumentLayout,
  readMentionFacts,
  readThreadDigests,
  recordLateArrivals,
  repairThreadIndex,
  requestStop,
  splitChannelDocument,
  startToolStep,
  stopRequesters,
  THREAD_DOCUMENT_ROOTS,
  threadView,
  toolDecisionOf,
  toolStepsOf,
  validateChannelDocument,
} from "../../src/index.ts";
import { alice, bob } from "../support/channel.ts";
import {
  AGENTS,
  apply,
  choose,
  command,
  type Known,
  PEOPLE,
  pick,
  type Replica,
  SkipStep,
} from "../support/random-commands.ts";

const step = fc.record({ actor: pick, advanceMs: fc.nat(90_000), command });
type Step = typeof step extends fc.Arbitrary<infer S> ? S : never;

/** A one-document channel after random operations, with the rarer entities on some replies. */
function randomChannel(steps: readonly Step[]): {
  doc: Y.Doc;
  known: Known;
} {
  const replica: Replica = { doc: new Y.Doc(), env: createManualEnv({ idPrefix: "r-" }) };
  initChannel(replica.doc, "general");
  const known: Known = { threads: [], forks: [], messages: [], replies: [] };
  apply(replica, alice, AGENTS[0] ?? alice, { type: "createThread", body: "seed" }, known);
  for (const current of steps) {
    const actor = choose(PEOPLE, current.actor) ?? alice;
    const agent = choose(AGENTS, current.actor) ?? alice;
    replica.env.advance(current.advanceMs);
    try {
      apply(replica, actor, agent, current.command, known);
    } catch (error) {
      if (!(error instanceof SkipStep) && !isChannelError(error)) throw error;
    }
  }
  addRareEntities(replica, known);
  return { doc: replica.doc, known };
}

/** Stop requests, tool steps and decisions on running replies; late arrivals on every other. */
function addRareEntities({ doc, env }: Replica, known: Known): void {
  known.replies.forEach(({ messageId, taskId, agent }, index) => {
    try {
      requestStop(doc, bob, { messageId }, env);
      const stepId = startToolStep(
        doc,
        agent,
        { messageId, taskId, tool: "search", input: { q: index }, awaitingApproval: true },
        env,
      );
      decideToolCall(doc, alice, { stepId, decision: "approve" }, env);
      if (index % 2 === 0) {
        finishToolStep(doc, agent, {
          stepId,
          status: "ok",
          summary: "found",
          result: "r",
          durationMs: 5,
        });
      }
    } catch (error) {
      if (!isChannelError(error)) throw error;
    }
  });
  recordLateArrivals(
    doc,
    known.messages.filter((_, index) => index % 2 === 1),
    env.now() + 3_600_000,
  );
}

function load(update: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc;
}

function sortedJson(values: readonly unknown[]): string[] {
  return values.map((value) => JSON.stringify(value)).sort();
}

describe("splitting a one-document channel", () => {
  it("keeps every read model, and every entry value for value, in the thread documents", () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 5, maxLength: 60 }), (steps) => {
        const { doc, known } = randomChannel(steps);
        expect(validateChannelDocument(doc)).toEqual([]);
        const split = splitChannelDocument(doc);
        expect(split.unplaced).toEqual([]);
        const channelDoc = load(split.channelDoc);
        const threadDocs = new Map([...split.threadDocs].map(([id, update]) => [id, load(update)]));
        const threadDocOf = (threadId: string) => threadDocs.get(threadId) ?? new Y.Doc();
        expect(readDocumentLayout(channelDoc)).toBe("split-channel");
        expect([...threadDocs.keys()].sort()).toEqual(known.threads.slice().sort());

        // The channel's list, from the channel document alone.
        const listed = listThreadIndex(channelDoc).map(({ digest, ...summary }) => summary);
        expect(listed).toEqual(listThreads(doc));

        for (const [threadId, threadDoc] of threadDocs) {
          expect(readDocumentLayout(threadDoc)).toBe("thread");
          // Only its own thread's entries: what the guard of a thread document allows.
          expect([...threadDoc.getMap("threads").keys()]).toEqual([threadId]);
          for (const root of ["messages", "forks"]) {
            for (const entry of threadDoc.getMap(root).values()) {
              expect((entry as Y.Map<unknown>).get("threadId")).toBe(threadId);
            }
          }
          expect(validateChannelDocument(threadDoc)).toEqual([]);
          expect(threadView(threadDoc, threadId)).toEqual(threadView(doc, threadId));
          expect(listThreadIndex(channelDoc).find((t) => t.id === threadId)?.digest).toEqual(
            deriveThreadIndexEntry(threadDoc),
          );
          expect(split.digests.get(threadId)).toEqual(deriveThreadIndexEntry(threadDoc));
          expect(repairThreadIndex(channelDoc, threadDoc)).toMatchObject({
            written: false,
            removed: [],
          });
        }
        for (const forkId of known.forks) {
          const threadId = forkView(doc, forkId)?.fork.threadId ?? "";
          expect(forkView(threadDocOf(threadId), forkId)).toEqual(forkView(doc, forkId));
        }
        for (const messageId of known.messages) {
          const threadDoc = threadDocOf(getMessage(doc, messageId)?.threadId ?? "");
          expect(getMessage(threadDoc, messageId)).toEqual(getMessage(doc, messageId));
          expect(readMentionFacts(threadDoc, messageId)).toEqual(readMentionFacts(doc, messageId));
          expect(lateArrivalOf(threadDoc, messageId)).toBe(lateArrivalOf(doc, messageId));
          expect(stopRequesters(threadDoc, messageId)).toEqual(stopRequesters(doc, messageId));
          expect(messageVersionsOf(threadDoc, messageId)).toEqual(
            messageVersionsOf(doc, messageId),
          );
          const steps = toolStepsOf(doc, messageId);
          expect(toolStepsOf(threadDoc, messageId)).toEqual(steps);
          for (const { id } of steps) {
            expect(toolDecisionOf(threadDoc, id)).toEqual(toolDecisionOf(doc, id));
          }
        }
        const everyThread = [...threadDocs.values()];
        expect(sortedJson(everyThread.flatMap(listPinned))).toEqual(sortedJson(listPinned(doc)));
        expect(sortedJson(everyThread.flatMap(listSummaryRequests))).toEqual(
          sortedJson(listSummaryRequests(doc)),
        );
        expect(sortedJson(everyThread.flatMap(pendingSummaryRequests))).toEqual(
          sortedJson(pendingSummaryRequests(doc)),
        );
        // Nothing lost or added: each root's entries, across the thread documents, are the old ones.
        for (const root of THREAD_DOCUMENT_ROOTS.filter((name) => name !== "meta")) {
          const merged = Object.assign({}, ...everyThread.map((t) => t.getMap(root).toJSON()));
          expect(merged, root).toEqual(doc.getMap(root).toJSON());
        }
      }),
      { numRuns: 60 },
    );
  });
});

function channelWithHistory(): { doc: Y.Doc; known: Known; updates: Uint8Array[] } {
  const updates: Uint8Array[] = [];
  const replica: Replica = { doc: new Y.Doc(), env: createManualEnv({ idPrefix: "h-" }) };
  replica.doc.on("update", (update: Uint8Array) => updates.push(update));
  initChannel(replica.doc, "general");
  const known: Known = { threads: [], forks: [], messages: [], replies: [] };
  const agent = AGENTS[0] ?? alice;
  for (const body of ["first @bob", "second", "third"]) {
    apply(replica, alice, agent, { type: "createThread", body }, known);
  }
  for (let i = 0; i < 12; i += 1) {
    replica.env.advance(1_000);
    apply(
      replica,
      i % 2 ? bob : alice,
      agent,
      { type: "post", thread: i, fork: null, body: "hi" },
      known,
    );
  }
  apply(replica, bob, agent, { type: "fork", message: 4, body: "aside" }, known);
  apply(replica, alice, agent, { type: "react", message: 5, emoji: "👍" }, known);
  apply(replica, alice, agent, { type: "pin", message: 6 }, known);
  apply(replica, alice, agent, { type: "edit", message: 3, body: "edited", asOwner: true }, known);
  apply(replica, alice, agent, { type: "delete", message: 7, moderator: true }, known);
  addRareEntities(replica, known);
  return { doc: replica.doc, known, updates };
}

function stateOf(doc: Y.Doc) {
  return { vector: Y.encodeStateVector(doc), content: doc.getMap("messages").toJSON() };
}

describe("splitting is deterministic, so idempotent and safe to redo after a crash", () => {
  it("writes the same bytes for the same content, however that content was encoded", () => {
    const { doc, updates } = channelWithHistory();
    const first = splitChannelDocument(doc);
    const again = splitChannelDocument(doc);
    const reloaded = splitChannelDocument(load(Y.mergeUpdates([...updates].reverse())));
    for (const other of [again, reloaded]) {
      expect(other.channelDoc).toEqual(first.channelDoc);
      expect([...other.threadDocs]).toEqual([...first.threadDocs]);
    }
  });

  it("changes nothing when re-applied, even over what people wrote since", () => {
    const { doc, known } = channelWithHistory();
    const split = splitChannelDocument(doc);
    const [threadId, update] = [...split.threadDocs][0] ?? ["", new Uint8Array()];
    const threadDoc = load(update);
    const env = createManualEnv({ startMs: 1_800_000_000_000, idPrefix: "later-" });
    const lastOwn = known.messages.find((id) => getMessage(threadDoc, id)?.author.id === "alice");
    apply(
      { doc: threadDoc, env },
      bob,
      alice,
      { type: "post", thread: 0, fork: null, body: "after" },
      {
        ...known,
        threads: [threadId],
      },
    );
    apply(
      { doc: threadDoc, env },
      alice,
      alice,
      { type: "edit", message: 0, body: "rewritten", asOwner: true },
      {
        ...known,
        messages: lastOwn === undefined ? [] : [lastOwn],
      },
    );
    const before = stateOf(threadDoc);
    Y.applyUpdate(threadDoc, splitChannelDocument(doc).threadDocs.get(threadId) ?? update);
    expect(stateOf(threadDoc)).toEqual(before);
    expect(threadView(threadDoc, threadId)?.messages.some((m) => m.body === "after")).toBe(true);
  });

  it("gives the clean result when redone after a crash halfway", () => {
    const { doc } = channelWithHistory();
    const split = splitChannelDocument(doc);
    // The crash: half the thread documents stored, the channel document not switched.
    const half = [...split.threadDocs].slice(0, Math.ceil(split.threadDocs.size / 2));
    const stored = new Map(half.map(([id, update]) => [id, load(update)]));
    const redo = splitChannelDocument(doc);
    for (const [id, update] of redo.threadDocs) {
      const target = stored.get(id) ?? new Y.Doc();
      Y.applyUpdate(target, update);
      stored.set(id, target);
    }
    for (const [id, update] of split.threadDocs) {
      expect(Y.encodeStateAsUpdate(stored.get(id) ?? new Y.Doc())).toEqual(update);
    }
  });

  it("hands thread documents out one by one when asked, with the same states", () => {
    const { doc } = channelWithHistory();
    const handed = new Map<string, Uint8Array>();
    const streamed = splitChannelDocument(doc, {
      onThreadDocument: (threadId, update) => handed.set(threadId, update),
    });
    const whole = splitChannelDocument(doc);
    expect(streamed.threadDocs.size).toBe(0);
    expect([...handed]).toEqual([...whole.threadDocs]);
    expect(streamed.channelDoc).toEqual(whole.channelDoc);
  });

  it("leaves thread documents that today's operations go on writing in", () => {
    const { doc, known } = channelWithHistory();
    const threadId = known.threads[0] ?? "";
    const threadDoc = load(splitChannelDocument(doc).threadDocs.get(threadId) ?? new Uint8Array());
    const env = createManualEnv({ startMs: 1_600_000_000_000, idPrefix: "n-" });
    const before = threadView(threadDoc, threadId)?.messages ?? [];
    const posted = postMessage(threadDoc, bob, { threadId, body: "after the split" }, env);
    const after = threadView(threadDoc, threadId)?.messages ?? [];
    // A clock far behind still sorts after everything the thread already holds.
    expect(after.map((m) => m.id)).toEqual([...before.map((m) => m.id), posted]);
    expect(validateChannelDocument(threadDoc)).toEqual([]);
  });

  it("keeps the window's digests in the channel document, and returns every thread's", () => {
    const { doc, known } = channelWithHistory();
    const split = splitChannelDocument(doc, { window: 1 });
    const kept = readThreadDigests(load(split.channelDoc));
    const [mostRecent] = listThreads(doc);
    const pinnedIn = new Set(listPinned(doc).map((pin) => pin.message.threadId));
    expect(pinnedIn.size).toBe(1);
    expect([...kept.keys()].sort()).toEqual([...new Set([mostRecent?.id, ...pinnedIn])].sort());
    expect([...split.digests.keys()].sort()).toEqual([...known.threads].sort());
    for (const [threadId, digest] of kept) expect(split.digests.get(threadId)).toEqual(digest);
  });

  it("returns a channel document already split as it is", () => {
    const { doc } = channelWithHistory();
    const channelDoc = load(splitChannelDocument(doc).channelDoc);
    const again = splitChannelDocument(channelDoc);
    expect(again.threadDocs.size).toBe(0);
    expect(again.channelDoc).toEqual(Y.encodeStateAsUpdate(channelDoc));
  });

  it("writes a changed channel under other client ids: the runs merge, they never collide", () => {
    const { doc, known } = channelWithHistory();
    const before = splitChannelDocument(doc);
    apply(
      { doc, env: createManualEnv({ startMs: 1_800_000_000_000, idPrefix: "x-" }) },
      bob,
      alice,
      {
        type: "post",
        thread: 0,
        fork: null,
        body: "late",
      },
      known,
    );
    const after = splitChannelDocument(doc);
    for (const [threadId, update] of after.threadDocs) {
      const merged = load(before.threadDocs.get(threadId) ?? new Uint8Array());
      Y.applyUpdate(merged, update);
      expect(validateChannelDocument(merged)).toEqual([]);
      expect(threadView(merged, threadId)).toEqual(threadView(doc, threadId));
    }
  });

  it("reports what no thread document can take, and leaves it in the old document", () => {
    const { doc } = channelWithHistory();
    doc.transact(() => {
      doc.getMap("reactions").set("gone|👍|alice", 1);
      doc.getMap("threads").set("bad\u0000id", new Y.Map());
      doc.getMap("stopRequests").set("not-a-key", 1);
    });
    const split = splitChannelDocument(doc);
    expect(split.unplaced).toEqual([
      { root: "threads", key: "bad\u0000id", reason: "unnameable thread id" },
      { root: "reactions", key: "gone|👍|alice", reason: "no thread" },
      { root: "stopRequests", key: "not-a-key", reason: "no thread" },
    ]);
    expect(doc.getMap("reactions").has("gone|👍|alice")).toBe(true);
  });
});
