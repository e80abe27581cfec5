// Builds the export file (the format in @openvibe/schema's export-format.ts) of the workspace or
// of one channel: accounts and channels from SQLite, conversations from the stored channel
// documents (snapshot plus tail, exactly what the server acknowledged; for a channel in the split
// layout, its thread documents' content merged). Read-only: it writes
// nothing, so it runs next to a live server.

import {
  type ChannelContent,
  channelDocumentName,
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportedChannel,
  type ExportedUser,
  type ExportFile,
  mergeChannelContents,
  readChannelContent,
} from "@openvibe/schema";
import type Database from "better-sqlite3";
import { asc, eq } from "drizzle-orm";
import * as Y from "yjs";
import { channelPrompts } from "../agents/task-prompts.ts";
import type { AppContext } from "../context.ts";
import { exportContextItems } from "../context-items/portability.ts";
import { channelMembers, channels, users } from "../db/schema.ts";
import { forEachContentDocument } from "../split-migration/stored-documents.ts";
import type { DocumentStore } from "../storage/document-store.ts";
import { getWorkspace } from "../workspace/workspace.ts";

export type DocumentLoader = Pick<DocumentStore, "load">;

const iso = (ms: number) => new Date(ms).toISOString();

/** The channel's document as stored, or an empty one for a channel never opened. */
export function loadChannelDocument(store: DocumentLoader, channelId: string): Y.Doc {
  const doc = new Y.Doc();
  const stored = store.load(channelDocumentName(channelId));
  if (stored !== null) {
    doc.transact(() => {
      if (stored.snapshot !== null) Y.applyUpdate(doc, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(doc, update);
    });
  }
  return doc;
}

/** A channel's content as stored, in either layout (empty for a channel never opened). */
export function readStoredContent(
  sqlite: Database.Database,
  store: DocumentLoader,
  channelId: string,
): ChannelContent {
  const parts: ChannelContent[] = [];
  forEachContentDocument(sqlite, store, channelId, (doc) => parts.push(readChannelContent(doc)));
  return mergeChannelContents(parts);
}

/** Every user id a channel's row, members and content refer to. */
function referencedUsers(channel: ExportedChannel): string[] {
  const { content } = channel;
  return [
    channel.createdBy,
    ...channel.members.map((m) => m.userId),
    ...content.threads.map((t) => t.createdBy.id),
    ...content.forks.flatMap((f) => [
      f.createdBy.id,
      ...(f.resolution === null ? [] : [f.resolution.resolvedBy.id]),
      ...(f.closedBy === null ? [] : [f.closedBy.id]),
    ]),
    ...content.messages.flatMap((m) => [
      m.author.id,
      ...(m.deletedBy === null ? [] : [m.deletedBy.id]),
    ]),
    ...content.reactions.map((r) => r.actorId),
    ...content.pins.map((p) => p.by.id),
    ...content.toolSteps.map((step) => step.agent.id),
    ...channel.contextItems.map((item) => item.authorId),
  ];
}

export interface ExportOptions {
  /** One channel (by id) instead of the whole workspace. */
  channelId?: string;
  onProgress?: (progress: { position: number; of: number; name: string; messages: number }) => void;
}

export function exportWorkspace(
  ctx: AppContext,
  store: DocumentLoader,
  options: ExportOptions = {},
): ExportFile {
  const rows =
    options.channelId === undefined
      ? ctx.db.select().from(channels).orderBy(asc(channels.createdAt), asc(channels.id)).all()
      : ctx.db.select().from(channels).where(eq(channels.id, options.channelId)).all();
  const exported: ExportedChannel[] = rows.map((row, i) => {
    const members = ctx.db
      .select({ userId: channelMembers.userId, joinedAt: channelMembers.joinedAt })
      .from(channelMembers)
      .where(eq(channelMembers.channelId, row.id))
      .orderBy(asc(channelMembers.joinedAt), asc(channelMembers.userId))
      .all();
    const content = readStoredContent(ctx.db.$client, store, row.id);
    options.onProgress?.({
      position: i + 1,
      of: rows.length,
      name: row.name,
      messages: content.messages.length,
    });
    return {
      id: row.id,
      name: row.name,
      topic: row.topic,
      visibility: row.visibility,
      archived: row.archivedAt !== null,
      createdBy: row.createdBy,
      createdAt: iso(row.createdAt),
      members: members.map((m) => ({ userId: m.userId, joinedAt: iso(m.joinedAt) })),
      content,
      agentPrompts: channelPrompts(ctx, row.id),
      contextItems: exportContextItems(ctx, row.id),
    };
  });
  const everyone = ctx.db.select().from(users).orderBy(asc(users.createdAt), asc(users.id)).all();
  const wanted =
    options.channelId === undefined ? null : new Set(exported.flatMap(referencedUsers));
  const exportedUsers: ExportedUser[] = everyone
    // A channel's export also carries the admins, so the workspace it is imported into has one.
    .filter((user) => wanted === null || wanted.has(user.id) || user.role === "admin")
    .map((user) => ({
      id: user.id,
      kind: user.kind,
      handle: user.handle,
      displayName: user.displayName,
      email: user.email,
      role: user.role,
      status: user.status,
      avatarColor: user.avatarColor,
      createdAt: iso(user.createdAt),
    }));
  return {
    format: EXPORT_FORMAT,
    version: EXPORT_VERSION,
    exportedAt: iso(ctx.now()),
    scope:
      options.channelId === undefined
        ? { kind: "workspace" }
        : { kind: "channel", channelId: options.channelId },
    workspace: { name: getWorkspace(ctx).name },
    users: exportedUsers,
    channels: exported,
    contextItems: options.channelId === undefined ? exportContextItems(ctx, null) : [],
  };
}
