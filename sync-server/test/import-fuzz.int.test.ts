// The importers' parsers under random damage (fast-check): a JSON export truncated, with a
// character replaced or a value swapped for anything, and a Slack zip truncated, with bytes
// flipped or spliced. Every case either imports or is refused with an ImportError (never another
// exception, never a crash), and a refused case leaves every table of the database as it was.
import {
  createFork,
  createThread,
  type ExportFile,
  pinMessage,
  postMessage,
  react,
  readChannelContent,
} from "@openvibe/schema";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { AppContext } from "../src/context.ts";
import { applyImport } from "../src/portability/apply-import.ts";
import { ImportError } from "../src/portability/import-error.ts";
import { parseExportFile, planJsonImport } from "../src/portability/json-import.ts";
import { planSlackImport, readZip } from "../src/portability/slack/slack-import.ts";
import { SqliteDocumentStore } from "../src/storage/sqlite-document-store.ts";
import { setUpWorkspace } from "../src/workspace/workspace.ts";
import { services } from "./support/ovb.ts";
import { slackExport } from "./support/slack-export.ts";
import { temporaryDataDir } from "./support/test-server.ts";
import { PASSWORD } from "./support/workspace-fixture.ts";

const TABLES = [
  "workspace",
  "users",
  "channels",
  "channel_members",
  "invites",
  "documents",
  "document_updates",
  "document_client_ids",
  "search_messages",
  "audit_log",
];

function tableCounts(ctx: AppContext): Record<string, number> {
  return Object.fromEntries(
    TABLES.map((table) => [
      table,
      (ctx.db.$client.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n,
    ]),
  );
}

/** A valid export of one channel with a thread, a fork, a reaction and a pin. */
function validExport(): ExportFile {
  const doc = new Y.Doc();
  const ada = { kind: "human", id: "01ADA00000000000000000000A" } as const;
  const { threadId, messageId } = createThread(doc, ada, { title: "Plans", body: "hello" });
  postMessage(doc, ada, { threadId, body: "second" });
  createFork(doc, ada, { messageId, title: "Aside", body: "fork body" });
  react(doc, ada, { messageId, emoji: "👍" });
  pinMessage(doc, ada, { messageId });
  const at = "2026-01-01T00:00:00.000Z";
  const item = (id: string, thread: string | null) => ({
    id,
    kind: "decision" as const,
    text: "We ship on Tuesdays",
    threadId: thread,
    source: "message" as const,
    sourceChannelId: "01CHANNEL0000000000000000C",
    sourceThreadId: threadId,
    sourceMessageForkId: null,
    sourceMessageId: messageId,
    sourceForkId: null,
    sourceTaskId: null,
    authorId: ada.id,
    createdAt: at,
    updatedAt: at,
  });
  return {
    format: "openvibe-export",
    version: 3,
    exportedAt: at,
    scope: { kind: "workspace" },
    workspace: { name: "Fuzz" },
    users: [
      {
        id: ada.id,
        kind: "human",
        handle: "ada",
        displayName: "Ada",
        email: "ada@example.com",
        role: "admin",
        status: "active",
        avatarColor: "#2563eb",
        createdAt: at,
      },
    ],
    channels: [
      {
        id: "01CHANNEL0000000000000000C",
        name: "general",
        topic: "",
        visibility: "public",
        archived: false,
        createdBy: ada.id,
        createdAt: at,
        members: [{ userId: ada.id, joinedAt: at }],
        content: readChannelContent(doc),
        agentPrompts: [],
        contextItems: [item("01ITEM00000000000000000001", threadId)],
      },
    ],
    contextItems: [item("01ITEM00000000000000000002", null)],
  };
}

/** Replaces the value at a random path of a JSON value with `replacement` (or removes it). */
function mutateAt(value: unknown, path: number[], replacement: unknown, remove: boolean): unknown {
  if (typeof value !== "object" || value === null) return replacement;
  const keys = Object.keys(value);
  if (keys.length === 0 || path.length === 0) return replacement;
  const key = keys[(path[0] ?? 0) % keys.length] ?? "";
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value)
    ? [...value]
    : { ...value };
  const record = copy as Record<string, unknown>;
  if (path.length === 1 && remove) {
    delete record[key];
    return copy;
  }
  record[key] = mutateAt(record[key], path.slice(1), replacement, remove);
  return copy;
}

const jsonDamage = (text: string) =>
  fc.oneof(
    fc.nat({ max: text.length }).map((n) => text.slice(0, n)),
    fc
      .tuple(fc.nat({ max: text.length - 1 }), fc.string({ minLength: 1, maxLength: 3 }))
      .map(([i, s]) => text.slice(0, i) + s + text.slice(i + 1)),
    fc
      .tuple(
        fc.array(fc.nat({ max: 50 }), { minLength: 1, maxLength: 8 }),
        fc.jsonValue({ maxDepth: 2 }),
        fc.boolean(),
      )
      .map(([path, replacement, remove]) =>
        JSON.stringify(mutateAt(JSON.parse(text), path, replacement, remove)),
      ),
  );

describe("importers under random damage", () => {
  it("a damaged JSON export is imported whole or refused with nothing written (300 cases)", async () => {
    const text = JSON.stringify(validExport(), null, 2);
    let target = services(temporaryDataDir());
    // Undamaged, it imports.
    const intact = new SqliteDocumentStore(target.db, { synchronous: "normal" });
    expect(
      applyImport(target, intact, planJsonImport(parseExportFile(text), Date.now()), {
        dataDir: target.db.$client.name,
        maxBytes: 1024 ** 3,
      }).messages,
    ).toBe(3);
    await intact.close();
    target = services(temporaryDataDir());
    let imported = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(jsonDamage(text), async (damaged) => {
        const before = tableCounts(target);
        const store = new SqliteDocumentStore(target.db, { synchronous: "normal" });
        try {
          const file = parseExportFile(damaged);
          applyImport(target, store, planJsonImport(file, Date.now()), {
            dataDir: target.db.$client.name,
            maxBytes: 1024 * 1024 * 1024,
          });
          imported += 1;
          await store.close();
          target = services(temporaryDataDir()); // the next case needs an empty one again
        } catch (error) {
          await store.close();
          if (!(error instanceof ImportError)) throw error;
          refused += 1;
          expect(tableCounts(target)).toEqual(before);
        }
      }),
      { numRuns: 300 },
    );
    expect(refused).toBeGreaterThan(100);
    expect(imported + refused).toBe(300);
  }, 120_000);

  it("a damaged Slack zip is imported whole or refused with nothing written (200 cases)", async () => {
    const zip = slackExport();
    const freshWorkspace = async () => {
      const ctx = services(temporaryDataDir());
      const admin = await setUpWorkspace(ctx, {
        workspaceName: "Acme",
        email: "admin@example.com",
        displayName: "Admin",
        password: PASSWORD,
      });
      return { ctx, admin };
    };
    let target = await freshWorkspace();
    const intact = new SqliteDocumentStore(target.ctx.db, { synchronous: "normal" });
    const { plan } = planSlackImport(target.ctx, intact, readZip(zip), target.admin, Date.now());
    expect(
      applyImport(target.ctx, intact, plan, { dataDir: "", maxBytes: 1024 ** 3 }).messages,
    ).toBe(7);
    await intact.close();
    target = await freshWorkspace();
    let refused = 0;
    const damage = fc.oneof(
      fc.nat({ max: zip.length }).map((n) => zip.slice(0, n)),
      fc
        .array(fc.tuple(fc.nat({ max: zip.length - 1 }), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 6,
        })
        .map((flips) => {
          const copy = zip.slice();
          for (const [i, byte] of flips) copy[i] = byte;
          return copy;
        }),
      fc
        .tuple(fc.nat({ max: zip.length }), fc.uint8Array({ maxLength: 40 }))
        .map(([i, bytes]) => new Uint8Array([...zip.slice(0, i), ...bytes, ...zip.slice(i)])),
    );
    await fc.assert(
      fc.asyncProperty(damage, async (bytes) => {
        const { ctx, admin } = target;
        const before = tableCounts(ctx);
        const store = new SqliteDocumentStore(ctx.db, { synchronous: "normal" });
        try {
          const { plan } = planSlackImport(ctx, store, readZip(bytes), admin, Date.now());
          applyImport(ctx, store, plan, { dataDir: ctx.db.$client.name, maxBytes: 1024 ** 3 });
          await store.close();
          target = await freshWorkspace();
        } catch (error) {
          await store.close();
          if (!(error instanceof ImportError)) throw error;
          refused += 1;
          expect(tableCounts(ctx)).toEqual(before);
        }
      }),
      { numRuns: 200 },
    );
    expect(refused).toBeGreaterThan(50);
  }, 180_000);
});
