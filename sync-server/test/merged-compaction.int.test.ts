// Compaction that merges into the document it built last time (storage/merged-documents.ts)
// stores the same state as merging the stored snapshot and tail afresh: random posts, edits,
// deletions and compactions, with a damaged snapshot set aside or a compaction done elsewhere
// in between, against a real SQLite database.
import {
  ChannelError,
  createThread,
  deleteMessage,
  editMessage,
  postMessage,
} from "@openvibe/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openDatabase } from "../src/db/open-database.ts";
import { mergeIntoSnapshot } from "../src/storage/merge-snapshot.ts";
import { MergedDocuments } from "../src/storage/merged-documents.ts";
import { compactInDatabase } from "../src/storage/sqlite-compaction.ts";
import { SqliteDocumentStore } from "../src/storage/sqlite-document-store.ts";
import { temporaryDataDir } from "./support/test-server.ts";

type Step =
  | { kind: "post"; body: string }
  | { kind: "edit"; at: number; body: string }
  | { kind: "delete"; at: number }
  | { kind: "compact" }
  | { kind: "compact elsewhere" }
  | { kind: "set aside the snapshot" };

const body = fc.string().map((text) => `b ${text}`);

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant("post"), body: body }) },
  {
    weight: 2,
    arbitrary: fc.record({ kind: fc.constant("edit"), at: fc.nat(), body: body }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete"), at: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant("compact") }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("compact elsewhere") }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("set aside the snapshot") }) },
) as fc.Arbitrary<Step>;

/** Runs an edit, unless its message was deleted already. */
function editLive(edit: () => void): void {
  try {
    edit();
  } catch (error) {
    if (!(error instanceof ChannelError)) throw error;
  }
}

/** What a stored snapshot plus tail holds, as plain data. */
function stateOf(updates: readonly Uint8Array[]): unknown {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  const state = {
    json: doc.toJSON(),
    vector: [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(),
    snapshot: Y.encodeSnapshot(Y.snapshot(doc)),
  };
  doc.destroy();
  return state;
}

describe("compaction into the last merged document", () => {
  it("stores what a fresh merge of the stored snapshot and tail stores", async () => {
    const db = openDatabase(temporaryDataDir(), { synchronous: "normal" });
    const store = new SqliteDocumentStore(db, { synchronous: "normal" });
    const sqlite = db.$client;
    const stored = (name: string) => {
      const row = sqlite
        .prepare<[string], { snapshot: Uint8Array | null; through: number }>(
          "SELECT snapshot, snapshot_through AS through FROM documents WHERE name = ?",
        )
        .get(name);
      const tail = sqlite
        .prepare<[string, number], { update: Uint8Array }>(
          'SELECT "update" FROM document_updates WHERE document_name = ? AND seq > ? ORDER BY seq',
        )
        .all(name, row?.through ?? 0)
        .map((r) => r.update);
      return { snapshot: row?.snapshot ?? null, tail };
    };
    let round = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 5, maxLength: 40 }), async (steps) => {
        const name = `channel:merged-${round++}`;
        const merged = new MergedDocuments({ maxBytes: 1024 * 1024, idleMs: 60_000 });
        const writer = new Y.Doc();
        writer.on("update", (update: Uint8Array) => store.append(name, update));
        const actor = { kind: "human", id: "01M92HR143SG7G7ETR0K4YWK89" } as const;
        const { threadId, messageId } = createThread(writer, actor, { title: "t", body: "first" });
        const messages = [messageId];
        for (const s of steps) {
          const target = messages[("at" in s ? s.at : 0) % messages.length] as string;
          if (s.kind === "post")
            messages.push(postMessage(writer, actor, { threadId, body: s.body }));
          else if (s.kind === "edit")
            editLive(() => editMessage(writer, actor, { messageId: target, body: s.body }));
          else if (s.kind === "delete")
            editLive(() => deleteMessage(writer, actor, { messageId: target }));
          else if (s.kind === "compact elsewhere") compactInDatabase(sqlite, name);
          else if (s.kind === "set aside the snapshot")
            store.setAside(name, { kind: "snapshot" }, "test");
          else {
            const before = stored(name);
            const expected = mergeIntoSnapshot(before.snapshot, before.tail);
            compactInDatabase(sqlite, name, merged);
            const after = stored(name);
            expect(after.tail).toHaveLength(0);
            expect(stateOf([after.snapshot ?? new Uint8Array([0, 0])])).toEqual(
              stateOf([expected]),
            );
          }
        }
        merged.clear();
        writer.destroy();
      }),
      { numRuns: 25 },
    );
    await store.close();
    sqlite.close();
  });
});
