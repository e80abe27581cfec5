// @openvibe/schema: the only way client, sync-server and agent-bridge read and write
// channel documents. Nothing outside this package touches raw Yjs structures.

export {
  ACTOR_KINDS,
  type Actor,
  type ActorKind,
  isActor,
  SYSTEM_ACTOR,
  sameActor,
} from "./actors.ts";
export * from "./api/index.ts";
export { AVATAR_COLOURS, defaultAvatarColour } from "./avatar-colours.ts";
export {
  compareByStampThenId,
  compareStamps,
  formatStamp,
  isStamp,
  nextStamp,
  parseStamp,
  type Stamp,
  type StampParts,
  stampWallTime,
} from "./clock.ts";
export { CLOSE_CODES, type CloseCodeName } from "./close-codes.ts";
export { CONNECTION_DENIALS, type ConnectionDenial } from "./connection-denials.ts";
export {
  CHANNEL_DOCUMENT_PREFIX,
  channelDocumentName,
  isChannelId,
  parseChannelDocumentName,
} from "./document-name.ts";
export {
  CHANNEL_ERROR_CODES,
  ChannelError,
  type ChannelErrorCode,
  type ChannelErrorDetails,
  type EntityKind,
  isChannelError,
} from "./errors.ts";
export { createDefaultEnv, defaultEnv, type Env } from "./ids.ts";
export { isRootName, type RootName } from "./layout.ts";
export { hasLink, linksIn, MAX_LINK_LENGTH } from "./links.ts";
export {
  HANDLE_PATTERN,
  isHandle,
  type MentionSpan,
  mentionSpans,
  parseMentions,
} from "./mentions.ts";
export {
  METADATA_LISTS,
  type MetadataChanged,
  type MetadataList,
  metadataChanged,
  parseMetadataChanged,
} from "./metadata-changed.ts";
export { type MigrationReport, migrateChannel } from "./migrations/migrate.ts";
export type { ChannelMigration } from "./migrations/migration.ts";
export { CURRENT_SCHEMA_VERSION, MIGRATIONS } from "./migrations/registry.ts";
export { isDocumentTooNew, readSchemaVersion } from "./migrations/version.ts";
export {
  type AppendToReplyInput,
  appendToReply,
  type FinishAgentReplyInput,
  finishAgentReply,
  type StartAgentReplyInput,
  startAgentReply,
} from "./operations/agent-replies.ts";
export { initChannel, readChannelId } from "./operations/channel.ts";
export {
  type AbandonForkInput,
  abandonFork,
  type CreateForkInput,
  createFork,
  type ResolvedFork,
  type ResolveForkInput,
  resolveFork,
} from "./operations/forks.ts";
export { channelContentProblems, importChannelContent } from "./operations/import-content.ts";
export { LATE_ARRIVAL_THRESHOLD_MS, recordLateArrivals } from "./operations/late-arrivals.ts";
export {
  type DeleteMessageInput,
  deleteMessage,
  type EditMessageInput,
  editMessage,
  type PostMessageInput,
  postMessage,
  type RemoveAttachmentInput,
  type RemoveLinkPreviewInput,
  removeAttachment,
  removeLinkPreview,
} from "./operations/messages.ts";
export { type PinInput, pinMessage, type UnpinInput, unpinMessage } from "./operations/pins.ts";
export type { Moderation } from "./operations/preconditions.ts";
export { type ReactionInput, react, unreact } from "./operations/reactions.ts";
export { type RequestStopInput, requestStop } from "./operations/stop-requests.ts";
export {
  type RequestForkSummaryInput,
  type RequestThreadSummaryInput,
  requestForkSummary,
  requestThreadSummary,
} from "./operations/summary-requests.ts";
export {
  type CreatedThread,
  type CreateThreadInput,
  createThread,
  type RenameThreadInput,
  renameThread,
  type SetThreadStatusInput,
  setThreadStatus,
  UNTITLED_THREAD,
} from "./operations/threads.ts";
export { type DecideToolCallInput, decideToolCall } from "./operations/tool-decisions.ts";
export {
  type FinishToolStepInput,
  finishToolStep,
  runToolStep,
  type StartToolStepInput,
  startToolStep,
} from "./operations/tool-steps.ts";
export {
  type ChannelOrigin,
  isChannelOrigin,
  OPERATION_NAMES,
  type OperationName,
  ORIGIN_SOURCES,
  type OriginSource,
} from "./origin.ts";
export { markdownSyntax } from "./plain-text.ts";
export { type ChannelChanges, observeChannelChanges } from "./read-models/changes.ts";
export { mergeChannelContents, readChannelContent } from "./read-models/channel-content.ts";
export {
  type ForkResolved,
  observeForkResolutions,
} from "./read-models/fork-resolutions.ts";
export { forkView } from "./read-models/forks.ts";
export { lateArrivalOf } from "./read-models/late-arrivals.ts";
export * from "./read-models/message-content.ts";
export { type MessageVersionView, messageVersionsOf } from "./read-models/message-versions.ts";
export {
  comparePins,
  getMessage,
  listPinned,
  type MentionFacts,
  messagesMentioning,
  readMentionFacts,
} from "./read-models/messages.ts";
export { isStopRequested, stopRequesters } from "./read-models/stop-requests.ts";
export {
  listSummaryRequests,
  pendingSummaryRequests,
  type SummaryRequestView,
} from "./read-models/summary-requests.ts";
export { listThreads, threadMessagesAfter, threadView } from "./read-models/threads.ts";
export {
  hasDecided,
  observeToolDecisions,
  type ToolDecisionView,
  toolDecisionOf,
} from "./read-models/tool-decisions.ts";
export { observeToolSteps, type ToolStepView, toolStepsOf } from "./read-models/tool-steps.ts";
export { validateChannelDocument } from "./read-models/validate-document.ts";
export type {
  ForkMarker,
  ForkResolutionView,
  ForkSummary,
  ForkView,
  MessageView,
  PinnedMessage,
  ReactionGroup,
  TaskView,
  ThreadSummary,
  ThreadView,
} from "./read-models/views.ts";
export {
  jitterFirstAttempt,
  RECONNECT_OPTIONS,
  type ReconnectingSocket,
} from "./reconnect.ts";
export {
  type Attachment,
  isAttachment,
  isAttachmentId,
  isAttachmentList,
  isAttachmentName,
  isImageAttachment,
  isMimeType,
  isSha256,
  MAX_ATTACHMENT_NAME_LENGTH,
  MAX_ATTACHMENTS_PER_MESSAGE,
} from "./records/attachment.ts";
export { type DocumentProblem, PROBLEM_CODES, type ProblemCode } from "./records/decode.ts";
export { FORK_STATUSES, type ForkStatus } from "./records/fork.ts";
export { MESSAGE_KINDS, type MessageKind } from "./records/message.ts";
export { isOwnReactionEntry, isReactionValue } from "./records/reaction.ts";
export { SUMMARY_REQUEST_KINDS, type SummaryRequestKind } from "./records/summary-request.ts";
export {
  FINAL_TASK_STATUSES,
  type FinalTaskStatus,
  INTERRUPTED_ERROR,
  TASK_STATUSES,
  type TaskStatus,
  type TokenUsage,
} from "./records/task.ts";
export { THREAD_STATUSES, type ThreadStatus } from "./records/thread.ts";
export {
  DIGEST_RECENT_MESSAGES,
  isThreadDigest,
  type PinnedReference,
  plainThreadDigest,
  type RecentMessage,
  readStoredThreadDigest,
  type StoredThreadDigest,
  storedThreadDigest,
  type ThreadDigest,
} from "./records/thread-digest.ts";
export { TOOL_DECISIONS, type ToolDecision } from "./records/tool-decision.ts";
export {
  isOpenToolStep,
  MAX_TOOL_INPUT_LENGTH,
  MAX_TOOL_RESULT_LENGTH,
  MAX_TOOL_SUMMARY_LENGTH,
  TOOL_STEP_STATUSES,
  type ToolStepStatus,
} from "./records/tool-step.ts";
export * from "./search/query.ts";
export * from "./split/index.ts";
export { createManualEnv, type ManualEnv, type ManualEnvOptions } from "./testing/manual-env.ts";
export { parseThreadLink, type ThreadAddress, threadPath } from "./thread-link.ts";
export { titleFromText } from "./titles.ts";
export {
  FIRST_RESYNC_PAUSE_MS,
  MAX_RESYNC_PAUSE_MS,
  MAX_SAID_WAIT_MS,
  readTooFast,
  reasonName,
  resyncDelayMs,
  type TooFast,
  type TooFastReason,
  tooFastReason,
} from "./too-fast.ts";
export {
  MAX_BODY_LENGTH,
  MAX_EMOJI_LENGTH,
  MAX_ENTRY_KEY_LENGTH,
  MAX_PRESENCE_LENGTH,
  MAX_TITLE_LENGTH,
} from "./validation.ts";
export {
  type GuardedDocument,
  type WriteRuleTable,
  writeRulesFor,
} from "./write-rules/document-rules.ts";
export {
  type EntryLookup,
  type EntryWrite,
  isTextField,
  type RootWriteRule,
  type TextField,
  type Writer,
} from "./write-rules/entry-write.ts";
export { WRITE_RULES } from "./write-rules/table.ts";
