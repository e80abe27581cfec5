// The split layout of a channel (docs/history-split.md): document names, the thread index and
// its repair, creating a thread in its own document, and the migration.

export {
  deriveThreadIndexEntry,
  threadIdOfThreadDocument,
} from "./derive-index-entry.ts";
export {
  CHANNEL_INDEX_ROOTS,
  type DocumentLayout,
  readDocumentLayout,
  SPLIT_LAYOUT,
  THREAD_DOCUMENT_ROOTS,
} from "./document-layout.ts";
export {
  buildDocumentName,
  isNameableThreadId,
  namePrefixRange,
  type ParsedDocumentName,
  parseDocumentName,
  THREAD_DOCUMENT_PREFIX,
  threadDocumentName,
  threadDocumentNameRange,
} from "./document-names.ts";
export { type IndexRepair, repairThreadIndex } from "./index-repair.ts";
export {
  initSplitChannel,
  initThreadDocument,
  readThreadDocumentThreadId,
} from "./init-documents.ts";
export {
  type ChannelSplit,
  type SplitOptions,
  splitChannelDocument,
  type UnplacedEntry,
} from "./split-channel.ts";
export {
  indexedThreadSummary,
  listThreadIndex,
  type ThreadIndexSummary,
} from "./thread-index.ts";
export {
  type IndexChange,
  placeThreadDigest,
  readThreadDigests,
  removeThreadDigest,
  THREAD_INDEX_WINDOW,
  threadsInWindow,
  trimThreadIndex,
  type WindowFacts,
} from "./thread-index-store.ts";
export { createSplitThread } from "./thread-operations.ts";
