// The contract suite every DocumentStore runs (automerge-repo / tldraw
// style): one set of expectations, several implementations.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { type DocumentStore, EmptyUpdateError, type StoredDocument } from "./document-store.ts";

export interface DocumentStoreHarness {
  store: DocumentStore;
  /** Closes the store and opens it again over the same data, for persistent stores. */
  reopen?: () => Promise<DocumentStore>;
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
