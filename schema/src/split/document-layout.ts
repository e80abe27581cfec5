// Which layout a document holds, read from its meta (written by the server only, so the server
// may trust its own copy): today's one-document channel, a split channel document (meta, the
// thread index), or a thread document. And which root maps each layout may hold.
import type * as Y from "yjs";
import { META_KEYS, metaMap, ROOT_NAMES, type RootName } from "../layout.ts";

/** `meta.layout` of a split channel document. */
export const SPLIT_LAYOUT = "split";

export type DocumentLayout = "one-document" | "split-channel" | "thread";

/**
 * The layout `meta` says. For the server's own copies, whose meta it wrote; a peer's replica of a
 * thread document has no meta until it synced with the server, so peers go by the name.
 */
export function readDocumentLayout(doc: Y.Doc): DocumentLayout {
  const meta = metaMap(doc);
  if (typeof meta.get(META_KEYS.threadId) === "string") return "thread";
  return meta.get(META_KEYS.layout) === SPLIT_LAYOUT ? "split-channel" : "one-document";
}

/** A split channel document: its meta and the thread index, both written by the server only. */
export const CHANNEL_INDEX_ROOTS: readonly RootName[] = [ROOT_NAMES.meta, ROOT_NAMES.threadIndex];

/** A thread document: its own thread entry and everything that happens in the thread. */
export const THREAD_DOCUMENT_ROOTS: readonly RootName[] = [
  ROOT_NAMES.meta,
  ROOT_NAMES.threads,
  ROOT_NAMES.forks,
  ROOT_NAMES.messages,
  ROOT_NAMES.reactions,
  ROOT_NAMES.pins,
  ROOT_NAMES.stopRequests,
  ROOT_NAMES.summaryRequests,
  ROOT_NAMES.lateArrivals,
  ROOT_NAMES.toolSteps,
  ROOT_NAMES.toolDecisions,
  ROOT_NAMES.messageVersions,
];
