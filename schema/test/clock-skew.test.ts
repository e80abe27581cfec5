// Clocks hours off, ahead or behind (#16): replicas whose clocks disagree by up to a day post
// into one thread in random interleavings with partial syncs. Once synced, every replica shows
// the same order, and each message comes after every message its author had seen when posting
// it, whatever their clocks said.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createManualEnv, createThread, postMessage, threadView } from "../src/index.ts";
import { alice, bob, syncAll, syncInto } from "./support/channel.ts";

const HOUR = 3_600_000;
const START = 1_800_000_000_000;

describe("clock skew", () => {
  it("orders messages identically everywhere and after what their authors had seen", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -24, max: 24 }), { minLength: 2, maxLength: 4 }),
        fc.array(
          fc.record({ replica: fc.nat(3), sync: fc.option(fc.nat(3), { nil: undefined }) }),
          { minLength: 1, maxLength: 40 },
        ),
        (offsets, steps) => {
          const replicas = offsets.map((hours, i) => ({
            doc: new Y.Doc(),
            env: createManualEnv({ startMs: START + hours * HOUR, idPrefix: `r${i}-` }),
          }));
          const [first] = replicas;
          if (first === undefined) return;
          const { threadId, messageId } = createThread(
            first.doc,
            alice,
            { title: "skew", body: "start" },
            first.env,
          );
          syncAll(replicas.map((r) => r.doc));
          /** For each message, the messages its replica held when it was posted. */
          const seenBefore = new Map<string, string[]>([[messageId, []]]);
          steps.forEach(({ replica, sync }, n) => {
            const r = replicas[replica % replicas.length];
            if (r === undefined) return;
            // Every replica's clock moves on a little between steps.
            for (const other of replicas) other.env.setNow(other.env.now() + 1_000);
            const seen = threadView(r.doc, threadId)?.messages.map((m) => m.id) ?? [];
            const id = postMessage(
              r.doc,
              n % 2 === 0 ? alice : bob,
              { threadId, body: `m${n}` },
              r.env,
            );
            seenBefore.set(id, seen);
            const target = sync === undefined ? undefined : replicas[sync % replicas.length];
            if (target !== undefined) syncInto(r.doc, target.doc);
          });
          syncAll(replicas.map((r) => r.doc));
          const orders = replicas.map(
            (r) => threadView(r.doc, threadId)?.messages.map((m) => m.id) ?? [],
          );
          for (const order of orders) expect(order).toEqual(orders[0]);
          const position = new Map((orders[0] ?? []).map((id, i) => [id, i]));
          for (const [id, seen] of seenBefore) {
            for (const earlier of seen) {
              expect(position.get(earlier) ?? -1).toBeLessThan(position.get(id) ?? -1);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
