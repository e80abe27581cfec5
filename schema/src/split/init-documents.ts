// The server sets up each document of the split layout when it first loads or creates it, from
// the document's name: peers never write `meta` (the write guard refuses it), so a thread
// created offline is a thread document without meta until the server has it. Idempotent, like
// initChannel, and safe when two server processes do it concurrently (same values).
import type * as Y from "yjs";
import { SYSTEM_ACTOR } from "../actors.ts";
import { ChannelError } from "../errors.ts";
import { META_KEYS, metaMap } from "../layout.ts";
import { CURRENT_SCHEMA_VERSION } from "../migrations/registry.ts";
import { readSchemaVersion, writeSchemaVersion } from "../migrations/version.ts";
import { initChannel } from "../operations/channel.ts";
import { commit } from "../operations/transaction.ts";
import { readDocumentLayout, SPLIT_LAYOUT } from "./document-layout.ts";
import { threadDocumentName } from "./document-names.ts";

function mismatch(what: string, stored: unknown, expected: string): ChannelError {
  return new ChannelError(
    "channel_mismatch",
    `document belongs to ${what} ${JSON.stringify(stored)}, not ${JSON.stringify(expected)}`,
    { entity: "channel", id: expected },
  );
}

/** A new channel's document in the split layout (a one-document channel is split instead). */
export function initSplitChannel(doc: Y.Doc, channelId: string): void {
  const fresh = readSchemaVersion(doc) === 0;
  initChannel(doc, channelId);
  if (!fresh || readDocumentLayout(doc) === "split-channel") return;
  commit(doc, SYSTEM_ACTOR, "initChannel", () => metaMap(doc).set(META_KEYS.layout, SPLIT_LAYOUT));
}

/** Writes a thread document's meta (channel, thread, schemaVersion) once. */
export function initThreadDocument(doc: Y.Doc, channelId: string, threadId: string): void {
  threadDocumentName(channelId, threadId); // validates both ids
  const meta = metaMap(doc);
  const storedChannel = meta.get(META_KEYS.channelId);
  const storedThread = meta.get(META_KEYS.threadId);
  if (storedChannel !== undefined && storedChannel !== channelId) {
    throw mismatch("channel", storedChannel, channelId);
  }
  if (storedThread !== undefined && storedThread !== threadId) {
    throw mismatch("thread", storedThread, threadId);
  }
  if (storedChannel !== undefined && storedThread !== undefined && readSchemaVersion(doc) > 0) {
    return;
  }
  commit(doc, SYSTEM_ACTOR, "initChannel", () => {
    meta.set(META_KEYS.channelId, channelId);
    meta.set(META_KEYS.threadId, threadId);
    if (readSchemaVersion(doc) === 0) writeSchemaVersion(doc, CURRENT_SCHEMA_VERSION);
  });
}

/** The thread a thread document holds, from its meta; undefined before the server set it up. */
export function readThreadDocumentThreadId(doc: Y.Doc): string | undefined {
  const threadId = metaMap(doc).get(META_KEYS.threadId);
  return typeof threadId === "string" ? threadId : undefined;
}
