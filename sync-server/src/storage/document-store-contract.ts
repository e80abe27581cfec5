// The contract suite every DocumentStore runs (automerge-repo / tldraw
// style): one set of expectations, several implementations.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type DocumentStore, EmptyUpdateError, type StoredDocument } from "./document-store.ts";

export interface DocumentStoreHarness {
  store: DocumentStore;
  /** Closes the store and opens it again over the same data, for persistent stores. */
  reopen?: () => Promise<DocumentStore>;
  /**
   * Makes every write of document `name` fail (as a full disk would) until the returned function
   * is called, for stores that can fail.
   */
  failWrites?: (name: string) => () => void;
  cleanup: () => Promise<void>;
}

/** Names that break naive SQL, LIKE patterns, paths or prefix matching. */
const ADVERSARIAL_NAMES = [
  "channel:01J0000000000000000000000",
  "channel:a",
  "channel:a_",
  "channel:a%",
  "channel:'; DROP TABLE documents; --",
  "channel:../../etc/passwd",
  "channel:über-日本語-🎉",
  `channel:${"x".repeat(1000)}`,
  "channel:\u0000nul",
];

function restore(stored: StoredDocument | null): Y.Doc {
  const doc = new Y.Doc();
  if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
  return doc;
}

function entries(stored: StoredDocument | null): string[] {
  return restore(stored).getArray<string>("log").toArray();
}

/** A writer that produces one real Yjs update per call, like a peer would. */
function writer() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (update: Uint8Array) => updates.push(update));
  return {
    write(text: string): Uint8Array {
      doc.getArray<string>("log").push([text]);
      const update = updates.at(-1);
      if (update === undefined) throw new Error("no update produced");
      return update;
    },
  };
}

export interface StoreCapabilities {
  /** Keeps data across a close and reopen (the harness must offer `reopen`). */
  persistent: boolean;
  /** Its writes can fail (the harness must offer `failWrites`). */
  failingWrites: boolean;
}

export function runDocumentStoreContract(
  label: string,
  setup: () => Promise<DocumentStoreHarness>,
  capabilities: StoreCapabilities,
): void {
  describe(`DocumentStore contract: ${label}`, () => {
    let harness: DocumentStoreHarness;
    beforeEach(async () => {
      harness = await setup();
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it("reports a document never stored as not found", () => {
      expect(harness.store.load("channel:missing")).toBeNull();
    });

    it("loads back every appended update in order", () => {
      const w = writer();
      for (let i = 0; i < 20; i++) harness.store.append("channel:a", w.write(`m${i}`));
      expect(entries(harness.store.load("channel:a"))).toEqual(
        Array.from({ length: 20 }, (_, i) => `m${i}`),
      );
    });

    it("numbers appends increasingly and counts the tail", () => {
      const w = writer();
      const first = harness.store.append("channel:a", w.write("1"));
      const second = harness.store.append("channel:a", w.write("2"));
      expect(second.seq).toBeGreaterThan(first.seq);
      expect(first.size).toEqual({
        snapshotBytes: 0,
        tailUpdates: 1,
        tailBytes: first.size.tailBytes,
      });
      expect(second.size.tailUpdates).toBe(2);
      expect(second.size.tailBytes).toBeGreaterThan(first.size.tailBytes);
    });

    it("refuses an empty update and keeps what was stored", () => {
      const w = writer();
      harness.store.append("channel:a", w.write("kept"));
      expect(() => harness.store.append("channel:a", new Uint8Array())).toThrow(EmptyUpdateError);
      expect(entries(harness.store.load("channel:a"))).toEqual(["kept"]);
    });

    it("keeps documents with adversarial names apart", () => {
      for (const name of ADVERSARIAL_NAMES) harness.store.append(name, writer().write(name));
      for (const name of ADVERSARIAL_NAMES)
        expect(entries(harness.store.load(name))).toEqual([name]);
    });

    it("does not change an update after it was appended", () => {
      const update = writer().write("original");
      const copy = update.slice();
      harness.store.append("channel:a", update);
      update.fill(0);
      expect(harness.store.load("channel:a")?.updates[0]).toEqual(copy);
    });

    it("sets a damaged update aside: loads go without it, and its number is not reused", () => {
      const seqs = ["a", "b", "c"].map(
        (m) => harness.store.append("channel:a", writer().write(m)).seq,
      );
      const damaged = seqs[1] ?? 0;
      harness.store.setAside("channel:a", { kind: "update", seq: damaged }, "test damage");
      const stored = harness.store.load("channel:a");
      expect(entries(stored).sort()).toEqual(["a", "c"]);
      expect(stored?.seqs).toEqual([seqs[0], seqs[2]]);
      const next = harness.store.append("channel:a", writer().write("d")).seq;
      expect(next).toBeGreaterThan(Math.max(...seqs));
      // Setting aside what is not there changes nothing.
      harness.store.setAside("channel:a", { kind: "update", seq: damaged }, "again");
      harness.store.setAside("channel:missing", { kind: "snapshot" }, "nothing");
      expect(entries(harness.store.load("channel:a")).sort()).toEqual(["a", "c", "d"]);
    });

    it("sets a damaged snapshot aside and keeps the log after it", async () => {
      for (const m of ["a", "b"]) harness.store.append("channel:a", writer().write(m));
      await harness.store.compact("channel:a");
      const after = harness.store.append("channel:a", writer().write("after")).seq;
      harness.store.setAside("channel:a", { kind: "snapshot" }, "test damage");
      const stored = harness.store.load("channel:a");
      expect(stored?.snapshot).toBeNull();
      expect(entries(stored)).toEqual(["after"]);
      expect(harness.store.append("channel:a", writer().write("next")).seq).toBeGreaterThan(after);
    });

    it("compacts the tail into a snapshot with the same content", async () => {
      const w = writer();
      for (let i = 0; i < 50; i++) harness.store.append("channel:a", w.write(`m${i}`));
      const result = await harness.store.compact("channel:a");
      expect(result.foldedUpdates).toBe(50);
      const stored = harness.store.load("channel:a");
      expect(stored?.snapshot).not.toBeNull();
      expect(stored?.updates).toHaveLength(0);
      expect(entries(stored)).toHaveLength(50);
      const after = harness.store.append("channel:a", w.write("after")).size;
      expect(after.tailUpdates).toBe(1);
      expect(after.snapshotBytes).toBe(result.snapshotBytes);
    });

    it("compacting a document with nothing to fold changes nothing", async () => {
      expect((await harness.store.compact("channel:missing")).foldedUpdates).toBe(0);
      const w = writer();
      harness.store.append("channel:a", w.write("x"));
      await harness.store.compact("channel:a");
      expect((await harness.store.compact("channel:a")).foldedUpdates).toBe(0);
      expect(entries(harness.store.load("channel:a"))).toEqual(["x"]);
    });

    it("loses nothing when appends interleave with compactions", async () => {
      const w = writer();
      const expected: string[] = [];
      const compactions: Promise<unknown>[] = [];
      for (let round = 0; round < 10; round++) {
        for (let i = 0; i < 15; i++) {
          const text = `r${round}-m${i}`;
          expected.push(text);
          harness.store.append("channel:a", w.write(text));
          if (i === 7) compactions.push(harness.store.compact("channel:a"));
        }
      }
      await Promise.all(compactions);
      expect(entries(harness.store.load("channel:a"))).toEqual(expected);
      await harness.store.compact("channel:a");
      const stored = harness.store.load("channel:a");
      expect(stored?.updates).toHaveLength(0);
      expect(entries(stored)).toEqual(expected);
    });

    it("compacts one document without touching another", async () => {
      const a = writer();
      const b = writer();
      harness.store.append("channel:a", a.write("a1"));
      harness.store.append("channel:a_", b.write("b1"));
      await harness.store.compact("channel:a");
      expect(harness.store.load("channel:a_")?.updates).toHaveLength(1);
      expect(entries(harness.store.load("channel:a_"))).toEqual(["b1"]);
    });

    it("stores a batch across documents in one go, each document's updates in order", async () => {
      const writers = new Map(ADVERSARIAL_NAMES.map((name) => [name, writer()]));
      const batch = [0, 1, 2].flatMap((round) =>
        ADVERSARIAL_NAMES.map((name) => ({
          name,
          update: writers.get(name)?.write(`${name}#${round}`) ?? new Uint8Array(),
        })),
      );
      const results = await harness.store.appendBatch(batch);
      expect(results).toHaveLength(batch.length);
      for (const name of ADVERSARIAL_NAMES) {
        expect(entries(harness.store.load(name))).toEqual([0, 1, 2].map((r) => `${name}#${r}`));
        const mine = results.filter((_, i) => batch[i]?.name === name);
        expect(mine.map((r) => r.size.tailUpdates)).toEqual([1, 2, 3]);
        const seqs = mine.map((r) => r.seq);
        expect([...seqs].sort((a, b) => a - b)).toEqual(seqs);
        expect(new Set(seqs).size).toBe(3);
      }
    });

    it("refuses a whole batch with an empty update in it, and keeps numbering after", async () => {
      const w = writer();
      harness.store.append("channel:a", w.write("before"));
      const refused = harness.store.appendBatch([
        { name: "channel:a", update: w.write("in the refused batch") },
        { name: "channel:b", update: writer().write("also refused") },
        { name: "channel:a", update: new Uint8Array() },
      ]);
      await expect(refused).rejects.toThrow(EmptyUpdateError);
      expect(entries(harness.store.load("channel:a"))).toEqual(["before"]);
      expect(harness.store.load("channel:b")).toBeNull();
      const [after] = await harness.store.appendBatch([
        { name: "channel:a", update: writer().write("after") },
      ]);
      expect(after?.size.tailUpdates).toBe(2);
      // Two writers' entries: Yjs orders them by client id.
      expect(entries(harness.store.load("channel:a")).sort()).toEqual(["after", "before"]);
    });

    it("stores nothing for an empty batch", async () => {
      expect(await harness.store.appendBatch([])).toEqual([]);
      expect(harness.store.load("channel:a")).toBeNull();
    });

    it("keeps overlapping batches and appends apart, numbering each update once", async () => {
      const w = writer();
      const texts = Array.from({ length: 30 }, (_, i) => `m${i}`);
      const updates = texts.map((t) => w.write(t));
      const first = harness.store.appendBatch(
        updates.slice(0, 10).map((update) => ({ name: "channel:a", update })),
      );
      const single = harness.store.append("channel:a", updates[10] as Uint8Array);
      const second = harness.store.appendBatch(
        updates.slice(11).map((update) => ({ name: "channel:a", update })),
      );
      const seqs = [...(await first), single, ...(await second)].map((r) => r.seq);
      expect(new Set(seqs).size).toBe(30);
      // Stored in any order, the updates make the same document.
      expect(entries(harness.store.load("channel:a"))).toEqual(texts);
    });

    it("loses nothing when batches interleave with compactions", async () => {
      const w = writer();
      const expected: string[] = [];
      const work: Promise<unknown>[] = [];
      for (let round = 0; round < 8; round++) {
        const batch = Array.from({ length: 12 }, (_, i) => {
          const text = `r${round}-m${i}`;
          expected.push(text);
          return { name: "channel:a", update: w.write(text) };
        });
        work.push(harness.store.appendBatch(batch));
        if (round % 3 === 1) work.push(harness.store.compact("channel:a"));
      }
      await Promise.all(work);
      expect(entries(harness.store.load("channel:a"))).toEqual(expected);
      await harness.store.compact("channel:a");
      expect(entries(harness.store.load("channel:a"))).toEqual(expected);
    });

    it("does not change a batch's updates after it was stored", async () => {
      const update = writer().write("original");
      const copy = update.slice();
      await harness.store.appendBatch([{ name: "channel:a", update }]);
      update.fill(0);
      expect(harness.store.load("channel:a")?.updates[0]).toEqual(copy);
    });

    if (capabilities.failingWrites) {
      it("stores no part of a batch whose transaction fails, and works again after", async () => {
        if (harness.failWrites === undefined)
          throw new Error("a store whose writes can fail must offer failWrites()");
        const a = writer();
        harness.store.append("channel:a", a.write("a0"));
        const restore = harness.failWrites("channel:broken");
        const batch = [
          { name: "channel:a", update: a.write("a1") },
          { name: "channel:broken", update: writer().write("x") },
          { name: "channel:a", update: a.write("a2") },
        ];
        await expect(harness.store.appendBatch(batch)).rejects.toThrow();
        expect(entries(harness.store.load("channel:a"))).toEqual(["a0"]);
        expect(harness.store.load("channel:broken")?.updates ?? []).toEqual([]);
        restore();
        // The caller offers the same updates again (the group commit does): stored once each.
        const retried = await harness.store.appendBatch(batch);
        expect(retried[2]?.size.tailUpdates).toBe(3);
        expect(entries(harness.store.load("channel:a"))).toEqual(["a0", "a1", "a2"]);
        expect(entries(harness.store.load("channel:broken"))).toEqual(["x"]);
      });
    }

    if (capabilities.persistent) {
      it("keeps everything across a reopen, compacted or not", async () => {
        if (harness.reopen === undefined)
          throw new Error("a persistent store's harness must offer reopen()");
        const w = writer();
        for (let i = 0; i < 10; i++) harness.store.append("channel:a", w.write(`m${i}`));
        await harness.store.compact("channel:a");
        for (let i = 10; i < 15; i++) harness.store.append("channel:a", w.write(`m${i}`));
        const reopened = await harness.reopen();
        expect(entries(reopened.load("channel:a"))).toEqual(
          Array.from({ length: 15 }, (_, i) => `m${i}`),
        );
        const size = reopened.append("channel:a", w.write("m15")).size;
        expect(size.tailUpdates).toBe(6);
        expect(size.snapshotBytes).toBeGreaterThan(0);
      });
    }
  });
}
