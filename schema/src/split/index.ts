// The split layout of a channel (docs/history-split.md): document names, the thread index,
// operations across the channel and thread documents, the index repair and the migration.

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
  type ParsedDocumentName,
  parseDocumentName,
  THREAD_DOCUMENT_PREFIX,
  threadDocumentName,
} from "./document-names.ts";
export {
  type IndexEntryProblem,
  repairThreadIndex,
  type StaleIndexEntry,
  staleEntries,
} from "./index-repair.ts";
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
  listedThreadCreator,
  listThreadIndex,
  type ThreadIndexSummary,
} from "./thread-index.ts";
export {
  createThreadAcross,
  renameThreadAcross,
  setThreadStatusAcross,
} from "./thread-operations.ts";
