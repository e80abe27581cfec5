import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  abandonFork,
  createFork,
  createManualEnv,
  createThread,
  deleteMessage,
  editMessage,
  getMessage,
  postMessage,
} from "../src/index.ts";
import { latestStampInThread } from "../src/operations/stamps.ts";
import { alice, bob, newChannel, syncInto } from "./support/channel.ts";

/** The same state in a document that never had an index: what a full scan finds. */
function scanned(doc: Y.Doc, threadId: string): string | undefined {
  const fresh = new Y.Doc();
  Y.applyUpdate(fresh, Y.encodeStateAsUpdate(doc));
  return latestStampInThread(fresh, threadId);
}

describe("latest stamp in a thread (per-document index)", () => {
  it("sorts a new change after a remote update that arrived after the index was built", () => {
    const { doc: local, env } = newChannel("local-");
    env.setNow(1_700_000_000_000);
    const { threadId, messageId } = createThread(local, alice, { title: "t", body: "a" }, env);
    postMessage(local, alice, { threadId, body: "b" }, env);

    const remote = new Y.Doc();
    syncInto(local, remote);
    const remoteEnv = createManualEnv({ startMs: 1_700_000_900_000, idPrefix: "remote-" });
    const forkId = createFork(remote, bob, { messageId, body: "in a fork" }, remoteEnv);
    remoteEnv.advance(1_000);
    editMessage(remote, alice, { messageId, body: "edited far ahead" }, remoteEnv);
    remoteEnv.advance(1_000);
    abandonFork(remote, bob, { forkId }, remoteEnv);
    const remoteLatest = latestStampInThread(remote, threadId) ?? "";
    syncInto(remote, local);

    expect(latestStampInThread(local, threadId)).toBe(remoteLatest);
    const reply = postMessage(local, alice, { threadId, body: "after" }, env);
    const stamp = getMessage(local, reply)?.createdAt ?? "";
    expect(stamp > remoteLatest, `${stamp} should sort after ${remoteLatest}`).toBe(true);
  });

  it("goes back down when a concurrent write with an earlier stamp wins", () => {
    const { doc: ahead, env: aheadEnv } = newChannel("ahead-");
    aheadEnv.setNow(1_700_000_000_000);
    const { threadId, messageId } = createThread(ahead, alice, { title: "t", body: "a" }, aheadEnv);
    const behind = new Y.Doc();
    behind.clientID = ahead.clientID + 1; // the later client id wins a concurrent map write
    syncInto(ahead, behind);
    aheadEnv.advance(60_000);
    editMessage(ahead, alice, { messageId, body: "ahead" }, aheadEnv);
    const aheadStamp = latestStampInThread(ahead, threadId);
    const behindEnv = createManualEnv({ startMs: 1_600_000_000_000, idPrefix: "behind-" });
    editMessage(behind, alice, { messageId, body: "behind" }, behindEnv);
    syncInto(behind, ahead);

    expect(latestStampInThread(ahead, threadId)).not.toBe(aheadStamp);
    expect(latestStampInThread(ahead, threadId)).toBe(scanned(ahead, threadId));
  });

  it("sees changes made earlier in the same transaction", () => {
    const { doc, env } = newChannel();
    const { threadId, messageId } = createThread(doc, alice, { title: "t", body: "a" }, env);
    doc.transact(() => {
      env.setNow(1_000);
      editMessage(doc, alice, { messageId, body: "b" }, env);
      const edited = latestStampInThread(doc, threadId);
      postMessage(doc, alice, { threadId, body: "c" }, env);
      expect((latestStampInThread(doc, threadId) ?? "") > (edited ?? "")).toBe(true);
      expect(latestStampInThread(doc, threadId)).toBe(scanned(doc, threadId));
    });
  });

  it("always equals a full scan, whatever the order of local and remote changes", () => {
    const step = fc.record({
      replica: fc.nat(1),
      kind: fc.constantFrom("post", "edit", "delete", "fork", "abandon", "sync", "transaction"),
      pick: fc.nat(1_000),
      skewMs: fc.integer({ min: -60_000, max: 60_000 }),
    });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 40 }), (steps) => {
        const first = newChannel("a-");
        const { threadId, messageId } = createThread(
          first.doc,
          alice,
          { title: "t", body: "a" },
          first.env,
        );
        const second = new Y.Doc();
        syncInto(first.doc, second);
        const replicas = [first, { doc: second, env: createManualEnv({ idPrefix: "b-" }) }];
        const messages = [messageId];
        const forks: string[] = [];
        for (const { replica, kind, pick, skewMs } of steps) {
          const { doc, env } = replicas[replica] ?? first;
          env.advance(Math.max(0, skewMs));
          const message = messages[pick % messages.length] ?? messageId;
          const act = () => {
            if (kind === "post") messages.push(postMessage(doc, bob, { threadId, body: "x" }, env));
            if (kind === "edit") editMessage(doc, alice, { messageId: message, body: "y" }, env);
            if (kind === "delete") deleteMessage(doc, alice, { messageId: message }, env);
            if (kind === "fork") forks.push(createFork(doc, bob, { messageId: message }, env));
            const forkId = forks[pick % Math.max(1, forks.length)];
            if (kind === "abandon" && forkId !== undefined) abandonFork(doc, bob, { forkId }, env);
            if (kind === "sync") syncInto(doc, (replicas[1 - replica] ?? first).doc);
          };
          try {
            if (kind === "transaction") {
              doc.transact(() => {
                messages.push(postMessage(doc, alice, { threadId, body: "1" }, env));
                editMessage(doc, alice, { messageId: messages.at(-1) ?? "", body: "2" }, env);
              });
            } else act();
          } catch {
            // Not yet received by this replica, or refused: nothing changed.
          }
          for (const { doc: each } of replicas) {
            expect(latestStampInThread(each, threadId)).toBe(scanned(each, threadId));
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
