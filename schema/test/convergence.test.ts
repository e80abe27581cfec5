import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createManualEnv,
  forkView,
  getMessage,
  initChannel,
  isChannelError,
  listPinned,
  listSummaryRequests,
  listThreads,
  pendingSummaryRequests,
  threadView,
  validateChannelDocument,
} from "../src/index.ts";
import { alice, helper, syncAll, syncInto } from "./support/channel.ts";
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
} from "./support/random-commands.ts";

const REPLICAS = 3;

const step = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant("op" as const),
      replica: fc.nat(REPLICAS - 1),
      actor: pick,
      advanceMs: fc.nat(3_000),
      command,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant("sync" as const),
      from: fc.nat(REPLICAS - 1),
      to: fc.nat(REPLICAS - 1),
    }),
  },
);

function everyView(doc: Y.Doc, known: Known) {
  return {
    threads: listThreads(doc),
    threadViews: known.threads.map((threadId) => threadView(doc, threadId)),
    forkViews: known.forks.map((forkId) => forkView(doc, forkId)),
    pinned: listPinned(doc),
    summaryRequests: listSummaryRequests(doc),
    pendingSummaries: pendingSummaryRequests(doc),
  };
}

/** The views of a copy of the document that was never read before. */
function freshViews(doc: Y.Doc, known: Known) {
  const fresh = new Y.Doc();
  Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc));
  return everyView(fresh, known);
}

describe("three replicas with random operations and partial syncs", () => {
  it("converge to identical views and lose no message", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -120_000, max: 120_000 }), {
          minLength: REPLICAS,
          maxLength: REPLICAS,
        }),
        fc.array(step, { minLength: 20, maxLength: 80 }),
        (clockSkews, steps) => {
          const replicas: Replica[] = clockSkews.map((skew, index) => ({
            doc: new Y.Doc(),
            env: createManualEnv({ startMs: 1_700_000_000_000 + skew, idPrefix: `r${index}-` }),
          }));
          const docs = replicas.map((replica) => replica.doc);
          for (const doc of docs) initChannel(doc, "general");
          const known: Known = { threads: [], forks: [], messages: [], replies: [] };
          const [first] = replicas;
          if (first) apply(first, alice, helper, { type: "createThread", body: "seed" }, known);
          syncAll(docs);

          for (const current of steps) {
            if (current.kind === "sync") {
              const [from, to] = [replicas[current.from], replicas[current.to]];
              if (from && to && from !== to) syncInto(from.doc, to.doc);
              continue;
            }
            const replica = replicas[current.replica];
            const actor = choose(PEOPLE, current.actor);
            const agent = choose(AGENTS, current.actor);
            if (!replica || !actor || !agent) continue;
            replica.env.advance(current.advanceMs);
            try {
              apply(replica, actor, agent, current.command, known);
            } catch (error) {
              if (!(error instanceof SkipStep) && !isChannelError(error)) throw error;
            }
          }

          // Each replica's read models follow its changes incrementally: they must equal a
          // fresh decode of the same state, before and after the final sync.
          for (const doc of docs) expect(everyView(doc, known)).toEqual(freshViews(doc, known));
          syncAll(docs);
          const [reference, ...others] = docs.map((doc) => everyView(doc, known));
          for (const doc of docs) expect(everyView(doc, known)).toEqual(freshViews(doc, known));
          for (const other of others) expect(other).toEqual(reference);
          for (const doc of docs) {
            expect(validateChannelDocument(doc)).toEqual([]);
            for (const messageId of known.messages) {
              const message = getMessage(doc, messageId);
              expect(message).toBeDefined();
              const line =
                message?.forkId === null
                  ? threadView(doc, message.threadId)?.messages
                  : forkView(doc, message?.forkId ?? "")?.messages;
              expect(line?.some((shown) => shown.id === messageId)).toBe(true);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});
