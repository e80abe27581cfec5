// Writes an import into the data directory's database, all or nothing: accounts, channels,
// members, invites, context items and the channel documents (through the document store, as the server stores
// them) in one SQLite transaction, then the search projection inside it too. Each channel's
// content is written into a one-document channel and split (docs/history-split.md): the import
// stores the channel's thread documents and its split channel document. Everything slow or
// fallible that needs no database (decoding, building the documents) happens first, and the
// disk's free space is checked before the transaction starts.
import { statfsSync } from "node:fs";
import {
  type ChannelContent,
  channelDocumentName,
  importChannelContent,
  readDocumentLayout,
  splitChannelDocument,
  threadDocumentName,
} from "@openvibe/schema";
import * as Y from "yjs";
import { recordAudit } from "../audit/audit-log.ts";
import { ClientIdRegistry, SERVER_OWNER } from "../collaboration/client-id-registry.ts";
import type { AppContext } from "../context.ts";
import { channelMembers, channels, contextItems, invites, users, workspace } from "../db/schema.ts";
import { rebuildSearchIndex } from "../search/rebuild.ts";
import { SearchIndex } from "../search/search-index.ts";
import { replaceWithSplitChannel } from "../split-migration/legacy-document.ts";
import { clientIdsOf } from "../split-migration/split-stored-channel.ts";
import type { DocumentStore } from "../storage/document-store.ts";
import { readStoredDocument } from "../storage/load-stored-document.ts";
import { ImportError } from "./import-error.ts";

export interface ImportedChannel {
  row: typeof channels.$inferInsert & { id: string; name: string };
  /** The channel already exists (an empty one of a freshly set-up workspace): add to it. */
  existing: boolean;
  members: (typeof channelMembers.$inferInsert)[];
  content: ChannelContent;
}

export interface ImportPlan {
  /** Creates the workspace row (an import into a data directory not set up yet). */
  workspace?: typeof workspace.$inferInsert;
  users: (typeof users.$inferInsert)[];
  channels: ImportedChannel[];
  invites?: (typeof invites.$inferInsert)[];
  /** Context items (the shared memory), after the channels they belong to. */
  contextItems?: (typeof contextItems.$inferInsert)[];
  /** Recorded in the audit log, by this actor. */
  audit: { actorId: string | null; action: string; details: Record<string, unknown> };
}

export interface ImportReport {
  users: number;
  channels: number;
  threads: number;
  messages: number;
  bytes: number;
}

export interface DiskBudget {
  /** The most bytes the import may need; default: the free space of the data directory's disk. */
  maxBytes?: number;
  dataDir: string;
  /** Bytes of files the import stores on the same disk after its transaction (`--files`). */
  fileBytes?: number;
}

/** A channel document grows by about this factor on its way into SQLite (WAL, index, search). */
const DISK_FACTOR = 3;
const DISK_MARGIN = 16 * 1024 * 1024;

function checkDisk(bytes: number, budget: DiskBudget): void {
  const fileBytes = budget.fileBytes ?? 0;
  const needed = bytes * DISK_FACTOR + fileBytes + DISK_MARGIN;
  const needs = `the import needs about ${needed} bytes of disk${fileBytes > 0 ? ` (${fileBytes} of them for files)` : ""}`;
  if (budget.maxBytes !== undefined) {
    if (needed > budget.maxBytes) {
      throw new ImportError(
        `${needs}, more than the budget of ${budget.maxBytes}; nothing was imported`,
      );
    }
    return;
  }
  const stats = statfsSync(budget.dataDir);
  const free = Number(stats.bavail) * Number(stats.bsize);
  if (needed > free) {
    throw new ImportError(
      `${needs} and ${budget.dataDir} has ${free} free; free some space, nothing was imported`,
    );
  }
}

interface BuiltDocument {
  name: string;
  update: Uint8Array;
}

interface BuiltChannel {
  channelId: string;
  /** The split channel document, stored in place of an existing one-document channel's. */
  channel: BuiltDocument & { replacesOneDocument: boolean };
  threads: BuiltDocument[];
}

function importFailure(channel: ImportedChannel, why: string): ImportError {
  return new ImportError(`#${channel.row.name}: ${why}`);
}

/** Whether the channel's stored document is in today's one-document layout. */
function storedAsOneDocument(store: Pick<DocumentStore, "load">, channelId: string): boolean {
  const stored = readStoredDocument(store, channelDocumentName(channelId));
  if (stored === null) return false;
  const layout = readDocumentLayout(stored.doc);
  stored.doc.destroy();
  return layout === "one-document";
}

/**
 * Each channel's content written into a one-document channel, then split. A channel that
 * exists (an empty one of a freshly set-up workspace) gets its split documents beside or in
 * place of what it holds.
 */
function buildChannels(store: Pick<DocumentStore, "load">, plan: ImportPlan): BuiltChannel[] {
  return plan.channels.map((channel) => {
    const channelId = channel.row.id;
    const doc = new Y.Doc();
    try {
      importChannelContent(doc, channelId, channel.content);
      const split = splitChannelDocument(doc);
      const unplaced = split.unplaced[0];
      if (unplaced !== undefined) {
        throw importFailure(channel, `${unplaced.root} ${unplaced.key}: ${unplaced.reason}`);
      }
      return {
        channelId,
        channel: {
          name: channelDocumentName(channelId),
          update: split.channelDoc,
          replacesOneDocument: channel.existing && storedAsOneDocument(store, channelId),
        },
        threads: [...split.threadDocs].map(([threadId, update]) => ({
          name: threadDocumentName(channelId, threadId),
          update,
        })),
      };
    } catch (error) {
      if (error instanceof ImportError) throw error;
      throw importFailure(channel, error instanceof Error ? error.message : String(error));
    } finally {
      doc.destroy();
    }
  });
}

export function applyImport(
  ctx: AppContext,
  store: DocumentStore,
  plan: ImportPlan,
  budget: DiskBudget,
): ImportReport {
  const built = buildChannels(store, plan);
  const bytes = built.reduce(
    (sum, c) =>
      sum + c.threads.reduce((n, t) => n + t.update.byteLength, c.channel.update.byteLength),
    0,
  );
  checkDisk(bytes, budget);
  const clientIds = new ClientIdRegistry(ctx.db);
  const sqlite = ctx.db.$client;
  sqlite
    .transaction(() => {
      if (plan.workspace !== undefined) ctx.db.insert(workspace).values(plan.workspace).run();
      for (const user of plan.users) ctx.db.insert(users).values(user).run();
      for (const channel of plan.channels) {
        if (!channel.existing) ctx.db.insert(channels).values(channel.row).run();
        for (const member of channel.members)
          ctx.db.insert(channelMembers).values(member).onConflictDoNothing().run();
      }
      for (const invite of plan.invites ?? []) ctx.db.insert(invites).values(invite).run();
      for (const item of plan.contextItems ?? []) ctx.db.insert(contextItems).values(item).run();
      for (const channel of built) {
        // The import wrote under client ids of its own, as the server does: nobody else may.
        for (const document of [...channel.threads, channel.channel]) {
          clientIds.claim(document.name, clientIdsOf(document.update), SERVER_OWNER);
        }
        for (const thread of channel.threads) store.append(thread.name, thread.update);
        if (channel.channel.replacesOneDocument) {
          replaceWithSplitChannel(sqlite, channel.channelId, channel.channel.update, ctx.now());
        } else {
          store.append(channel.channel.name, channel.channel.update);
        }
      }
      rebuildSearchIndex({
        index: new SearchIndex(sqlite),
        store,
        sqlite,
        inWriteTransaction: (work) => work(),
        channels: plan.channels.map((c) => ({ id: c.row.id, name: c.row.name })),
        dropOthers: false,
      });
      recordAudit(ctx, {
        actorId: plan.audit.actorId,
        action: plan.audit.action,
        targetType: "workspace",
        details: plan.audit.details,
      });
    })
    .immediate();
  return {
    users: plan.users.length,
    channels: plan.channels.length,
    threads: plan.channels.reduce((n, c) => n + c.content.threads.length, 0),
    messages: plan.channels.reduce((n, c) => n + c.content.messages.length, 0),
    bytes,
  };
}
