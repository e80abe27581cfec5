// Writes an import into the data directory's database, all or nothing: accounts, channels,
// members, invites, context items and the channel documents (through the document store, as the server stores
// them) in one SQLite transaction, then the search projection inside it too. Everything slow or
// fallible that needs no database (decoding, building the documents) happens first, and the
// disk's free space is checked before the transaction starts.
import { statfsSync } from "node:fs";
import { type ChannelContent, channelDocumentName, importChannelContent } from "@openvibe/schema";
import * as Y from "yjs";
import { recordAudit } from "../audit/audit-log.ts";
import { ClientIdRegistry, SERVER_OWNER } from "../collaboration/client-id-registry.ts";
import type { AppContext } from "../context.ts";
import { channelMembers, channels, contextItems, invites, users, workspace } from "../db/schema.ts";
import { rebuildSearchIndex } from "../search/rebuild.ts";
import { SearchIndex } from "../search/search-index.ts";
import type { DocumentStore } from "../storage/document-store.ts";
import { loadChannelDocument } from "./export-workspace.ts";
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
  const needed = bytes * DISK_FACTOR + (budget.fileBytes ?? 0) + DISK_MARGIN;
  if (budget.maxBytes !== undefined) {
    if (needed > budget.maxBytes) {
      throw new ImportError(
        `the import needs about ${needed} bytes of disk, more than the budget of ${budget.maxBytes}; nothing was imported`,
      );
    }
    return;
  }
  const stats = statfsSync(budget.dataDir);
  const free = Number(stats.bavail) * Number(stats.bsize);
  if (needed > free) {
    throw new ImportError(
      `the import needs about ${needed} bytes of disk and ${budget.dataDir} has ${free} free; free some space, nothing was imported`,
    );
  }
}

interface BuiltDocument {
  name: string;
  update: Uint8Array;
  clientId: number;
}

/** Each channel's content written into its document (loaded first when the channel exists). */
function buildDocuments(store: Pick<DocumentStore, "load">, plan: ImportPlan): BuiltDocument[] {
  return plan.channels.map((channel) => {
    const doc = channel.existing ? loadChannelDocument(store, channel.row.id) : new Y.Doc();
    const before = Y.encodeStateVector(doc);
    try {
      importChannelContent(doc, channel.row.id, channel.content);
    } catch (error) {
      throw new ImportError(
        `#${channel.row.name}: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    const built = {
      name: channelDocumentName(channel.row.id),
      update: Y.encodeStateAsUpdate(doc, before),
      clientId: doc.clientID,
    };
    doc.destroy();
    return built;
  });
}

export function applyImport(
  ctx: AppContext,
  store: DocumentStore,
  plan: ImportPlan,
  budget: DiskBudget,
): ImportReport {
  const documents = buildDocuments(store, plan);
  const bytes = documents.reduce((sum, d) => sum + d.update.byteLength, 0);
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
      for (const document of documents) {
        // An update that adds nothing (no content to import into an existing channel) is not stored.
        if (document.update.byteLength > 2) store.append(document.name, document.update);
        // The import wrote under its own client id, as the server does: nobody else may.
        clientIds.claim(document.name, [document.clientId], SERVER_OWNER);
      }
      rebuildSearchIndex({
        index: new SearchIndex(sqlite),
        store,
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
