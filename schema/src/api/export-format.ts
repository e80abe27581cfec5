// The export file: a workspace, or one channel, as JSON (`ovb export`, GET /api/export). One
// definition for the exporter and the importer; documented in docs/export-format.md.
//
// Version 3: version 2 plus messages' attached files (referenced by SHA-256), each channel's
// content.messageVersions (the earlier texts of edited messages) and content.toolSteps (the tool
// calls of agent replies, with their results), and context items (a channel's, and the
// workspace's at the top). Version 2 added each channel's agentPrompts. Versions 1 and 2 are
// still read. A
// change that an older importer could not read bumps EXPORT_VERSION; importers refuse versions
// they do not know rather than guess.
import { z } from "zod";
import { ACTOR_KINDS, isActorId } from "../actors.ts";
import { isStamp } from "../clock.ts";
import { isChannelId } from "../document-name.ts";
import { isEntityId } from "../ids.ts";
import {
  type Attachment,
  isAttachment,
  MAX_ATTACHMENTS_PER_MESSAGE,
} from "../records/attachment.ts";
import { FORK_STATUSES } from "../records/fork.ts";
import { MESSAGE_KINDS } from "../records/message.ts";
import { TASK_STATUSES } from "../records/task.ts";
import { THREAD_STATUSES } from "../records/thread.ts";
import {
  MAX_TOOL_INPUT_LENGTH,
  MAX_TOOL_RESULT_LENGTH,
  MAX_TOOL_SUMMARY_LENGTH,
  TOOL_STEP_STATUSES,
} from "../records/tool-step.ts";
import { MAX_BODY_LENGTH, MAX_EMOJI_LENGTH, MAX_TITLE_LENGTH } from "../validation.ts";
import { CONTEXT_ITEM_KINDS, CONTEXT_SOURCES, MAX_CONTEXT_ITEM_LENGTH } from "./context-items.ts";
import { avatarColor, channelName, handle, id as recordId, topic } from "./fields.ts";
import { exportedPrompt } from "./prompt-record.ts";
import { CHANNEL_VISIBILITIES, ROLES, USER_KINDS } from "./roles.ts";

export const EXPORT_FORMAT = "openvibe-export";
export const EXPORT_VERSION = 3;
/** The versions this code reads. */
export const SUPPORTED_EXPORT_VERSIONS: readonly number[] = [1, 2, EXPORT_VERSION];

const entityId = z.string().refine(isEntityId, "not a valid id (1-128 characters, no '|')");
const stamp = z.string().refine(isStamp, "not a stamp (WWWWWWWWWWWWWWW.CCCCCC)");
const isoTime = z.iso.datetime({ offset: true });

export const exportedActor = z.strictObject({
  kind: z.enum(ACTOR_KINDS),
  id: z.string().refine(isActorId, "not a valid actor id"),
});

export const exportedThread = z.strictObject({
  id: entityId,
  title: z.string().min(1).max(MAX_TITLE_LENGTH),
  status: z.enum(THREAD_STATUSES),
  createdBy: exportedActor,
  createdAt: stamp,
});

export const exportedFork = z.strictObject({
  id: entityId,
  threadId: entityId,
  parentMessageId: entityId,
  title: z.string().min(1).max(MAX_TITLE_LENGTH),
  status: z.enum(FORK_STATUSES),
  createdBy: exportedActor,
  createdAt: stamp,
  resolution: z
    .strictObject({
      text: z.string().max(MAX_BODY_LENGTH),
      summaryMessageId: entityId,
      resolvedBy: exportedActor,
      resolvedAt: stamp,
    })
    .nullable(),
  closedBy: exportedActor.nullable(),
  closedAt: stamp.nullable(),
});

export const exportedTask = z.strictObject({
  taskId: entityId,
  status: z.enum(TASK_STATUSES),
  model: z.string().nullable(),
  usage: z
    .strictObject({
      inputTokens: z.number().int().nonnegative(),
      outputTokens: z.number().int().nonnegative(),
    })
    .nullable(),
  error: z.string().nullable(),
  stopReason: z.string().nullable(),
  updatedAt: stamp,
});

export const exportedMessage = z.strictObject({
  id: entityId,
  threadId: entityId,
  /** null: the thread's main line. */
  forkId: entityId.nullable(),
  author: exportedActor,
  createdAt: stamp,
  /** Plain text (Markdown as typed); empty for a deleted message. */
  body: z.string().max(MAX_BODY_LENGTH),
  kind: z.enum(MESSAGE_KINDS),
  summaryOfForkId: entityId.nullable(),
  editedAt: stamp.nullable(),
  deletedAt: stamp.nullable(),
  deletedBy: exportedActor.nullable(),
  /** Agent replies: the task's state, model and token usage. */
  task: exportedTask.nullable(),
  /**
   * Attached files' records (version 3; absent: none). The bytes are not in the file: each is
   * named by its SHA-256, as the server's blob store holds it.
   */
  attachments: z
    .array(z.custom<Attachment>(isAttachment, "not an attachment record"))
    .max(MAX_ATTACHMENTS_PER_MESSAGE)
    .optional(),
});

/** An earlier text of an edited message (absent before version 3). */
export const exportedMessageVersion = z.strictObject({
  id: entityId,
  messageId: entityId,
  body: z.string().max(MAX_BODY_LENGTH),
  by: exportedActor,
  writtenAt: stamp,
  replacedAt: stamp,
});

export const exportedReaction = z.strictObject({
  messageId: entityId,
  emoji: z
    .string()
    .min(1)
    .max(MAX_EMOJI_LENGTH)
    .refine((emoji) => !emoji.includes("|"), "an emoji cannot contain '|'"),
  actorId: z.string().refine(isActorId, "not a valid actor id"),
  /** Wall-clock milliseconds. */
  at: z.number(),
});

export const exportedPin = z.strictObject({
  messageId: entityId,
  by: exportedActor,
  at: stamp,
});

/** One tool call of an agent reply, as the reply showed it (absent before version 3). */
export const exportedToolStep = z.strictObject({
  id: entityId,
  messageId: entityId,
  taskId: entityId,
  agent: exportedActor.refine((actor) => actor.kind === "agent", "a tool step's agent"),
  index: z.number().int().nonnegative(),
  tool: z.string().max(200),
  input: z.string().max(MAX_TOOL_INPUT_LENGTH),
  status: z.enum(TOOL_STEP_STATUSES),
  summary: z.string().max(MAX_TOOL_SUMMARY_LENGTH),
  result: z.string().max(MAX_TOOL_RESULT_LENGTH),
  startedAt: stamp,
  durationMs: z.number().nonnegative().nullable(),
});

/** What a channel's document holds, as plain data. */
export const channelContent = z.strictObject({
  threads: z.array(exportedThread),
  forks: z.array(exportedFork),
  messages: z.array(exportedMessage),
  reactions: z.array(exportedReaction),
  pins: z.array(exportedPin),
  messageVersions: z.array(exportedMessageVersion).default([]),
  toolSteps: z.array(exportedToolStep).default([]),
});

/** A channel's id, as its document name needs it. */
const channelId = z.string().refine(isChannelId, "not a valid channel id");

export const exportedUser = z.strictObject({
  id: recordId,
  kind: z.enum(USER_KINDS),
  handle,
  displayName: z.string().min(1).max(80),
  email: z.string().max(254).nullable(),
  role: z.enum(ROLES),
  status: z.enum(["active", "deactivated"]),
  avatarColor,
  createdAt: isoTime,
});

/**
 * A context item (the shared memory). A channel carries its threads' and its own (`threadId` set:
 * a thread's); the file carries the workspace's (`threadId` null). Absent before version 3.
 */
export const exportedContextItem = z.strictObject({
  id: recordId,
  kind: z.enum(CONTEXT_ITEM_KINDS),
  text: z.string().trim().min(1).max(MAX_CONTEXT_ITEM_LENGTH),
  threadId: entityId.nullable(),
  source: z.enum(CONTEXT_SOURCES),
  sourceChannelId: recordId.nullable(),
  sourceThreadId: entityId.nullable(),
  sourceMessageForkId: entityId.nullable(),
  sourceMessageId: entityId.nullable(),
  sourceForkId: entityId.nullable(),
  sourceTaskId: entityId.nullable(),
  authorId: recordId,
  createdAt: isoTime,
  updatedAt: isoTime,
});

export const exportedChannel = z.strictObject({
  id: channelId,
  name: channelName,
  topic,
  visibility: z.enum(CHANNEL_VISIBILITIES),
  archived: z.boolean(),
  createdBy: recordId,
  createdAt: isoTime,
  members: z.array(z.strictObject({ userId: recordId, joinedAt: isoTime })),
  content: channelContent,
  /** What agents saw for their replies here, per task and claim (absent in version 1). */
  agentPrompts: z.array(exportedPrompt).default([]),
  /** Context items of the channel and of its threads. */
  contextItems: z.array(exportedContextItem).default([]),
});

/** The first two fields, read before anything else so an unknown version is named as such. */
export const exportHeader = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.number().int(),
});

export const exportFile = z.strictObject({
  format: z.literal(EXPORT_FORMAT),
  version: z
    .number()
    .int()
    .refine((version) => SUPPORTED_EXPORT_VERSIONS.includes(version), "an unsupported version"),
  exportedAt: isoTime,
  /** A whole workspace, or one channel of it (its members and authors among `users`). */
  scope: z.discriminatedUnion("kind", [
    z.strictObject({ kind: z.literal("workspace") }),
    z.strictObject({ kind: z.literal("channel"), channelId }),
  ]),
  workspace: z.strictObject({ name: z.string().trim().min(1).max(80) }),
  /** People and agents: everyone a channel, member, author, reaction or pin refers to. */
  users: z.array(exportedUser),
  channels: z.array(exportedChannel),
  /** The workspace's context items (a workspace export only). */
  contextItems: z
    .array(exportedContextItem.refine((item) => item.threadId === null, "a workspace item"))
    .default([]),
});

export type ExportedActor = z.infer<typeof exportedActor>;
export type ExportedThread = z.infer<typeof exportedThread>;
export type ExportedFork = z.infer<typeof exportedFork>;
export type ExportedTask = z.infer<typeof exportedTask>;
export type ExportedMessage = z.infer<typeof exportedMessage>;
export type ExportedReaction = z.infer<typeof exportedReaction>;
export type ExportedPin = z.infer<typeof exportedPin>;
export type ExportedToolStep = z.infer<typeof exportedToolStep>;
export type ChannelContent = z.infer<typeof channelContent>;
export type ExportedMessageVersion = z.infer<typeof exportedMessageVersion>;
export type ExportedUser = z.infer<typeof exportedUser>;
export type ExportedChannel = z.infer<typeof exportedChannel>;
export type ExportedContextItem = z.infer<typeof exportedContextItem>;
export type ExportFile = z.infer<typeof exportFile>;

/** Query of GET /api/export. */
export const exportQuery = z.strictObject({
  channel: recordId.optional(),
  format: z.enum(["json", "markdown"]).default("json"),
});
export type ExportQuery = z.infer<typeof exportQuery>;
