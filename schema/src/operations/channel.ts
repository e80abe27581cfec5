import type * as Y from "yjs";
import { SYSTEM_ACTOR } from "../actors.ts";
import { isChannelId } from "../document-name.ts";
import { ChannelError } from "../errors.ts";
import { META_KEYS, metaMap } from "../layout.ts";
import { CURRENT_SCHEMA_VERSION, MIGRATIONS } from "../migrations/registry.ts";
import {
  assertDocumentWritable,
  readSchemaVersion,
  writeSchemaVersion,
} from "../migrations/version.ts";
import { commit } from "./transaction.ts";

/**
 * Sets up a channel document: its channelId and, for a fresh document, the current layout
 * and schemaVersion. Idempotent, and safe when two replicas do it concurrently (they write
 * the same values). A document that already has an older schemaVersion is left to
 * `migrateChannel`.
 */
export function initChannel(doc: Y.Doc, channelId: string): void {
  if (!isChannelId(channelId)) {
    throw new ChannelError("invalid_input", `invalid channel id ${JSON.stringify(channelId)}`, {
      entity: "channel",
      id: channelId,
    });
  }
  assertDocumentWritable(doc);
  const meta = metaMap(doc);
  const existingId = meta.get(META_KEYS.channelId);
  if (existingId !== undefined && existingId !== channelId) {
    throw new ChannelError(
      "channel_mismatch",
      `document belongs to channel ${JSON.stringify(existingId)}, not ${JSON.stringify(channelId)}`,
      { entity: "channel", id: channelId },
    );
  }
  const isFresh = readSchemaVersion(doc) === 0;
  if (existingId !== undefined && !isFresh) return;
  commit(doc, SYSTEM_ACTOR, "initChannel", () => {
    if (existingId === undefined) meta.set(META_KEYS.channelId, channelId);
    if (!isFresh) return;
    for (const migration of MIGRATIONS) migration.up(doc);
    writeSchemaVersion(doc, CURRENT_SCHEMA_VERSION);
  });
}

/** The channel id stored in the document, if it has been initialised. */
export function readChannelId(doc: Y.Doc): string | undefined {
  const channelId = metaMap(doc).get(META_KEYS.channelId);
  return typeof channelId === "string" ? channelId : undefined;
}
