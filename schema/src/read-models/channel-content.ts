// Everything a channel document holds that people wrote, as plain data in the export format
// (`ChannelContent`): threads, forks, messages with their bodies and agent tasks, reactions with
// their times, pins, the earlier texts of edited messages, agent replies' tool steps. Malformed entries are left out, as every read model does. Sorted so the same
// document always gives the same JSON: entities by (createdAt, id), reactions and pins by key.
import type * as Y from "yjs";
import type { Actor } from "../actors.ts";
import type {
  ChannelContent,
  ExportedActor,
  ExportedFork,
  ExportedMessage,
  ExportedMessageVersion,
  ExportedPin,
  ExportedReaction,
  ExportedThread,
  ExportedToolStep,
} from "../api/export-format.ts";
import { compareByStampThenId, compareCodeUnits, compareStamps } from "../clock.ts";
import {
  forksMap,
  messagesMap,
  messageVersionsMap,
  pinsMap,
  reactionsMap,
  threadsMap,
  toolStepsMap,
} from "../layout.ts";
import { plainAttachment } from "../records/attachment.ts";
import type { Decoder } from "../records/decode.ts";
import { decodeFork } from "../records/fork.ts";
import { decodeMessage } from "../records/message.ts";
import { isMessageVersionRecord } from "../records/message-version.ts";
import { isPinRecord } from "../records/pin.ts";
import { isReactionValue, parseReactionKey } from "../records/reaction.ts";
import { decodeThread } from "../records/thread.ts";
import { isToolStepRecord } from "../records/tool-step.ts";

const actor = (value: Actor): ExportedActor => ({ kind: value.kind, id: value.id });

function decodeAll<T>(map: Y.Map<unknown>, decode: Decoder<T>): T[] {
  const out: T[] = [];
  for (const [key, entry] of map.entries()) {
    const decoded = decode(key, entry);
    if (decoded.ok) out.push(decoded.value);
  }
  return out;
}

const byKey =
  <T>(key: (item: T) => string) =>
  (a: T, b: T) =>
    key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;

/** The earlier texts of live messages, by when each was replaced (one pass over the map). */
function messageVersions(doc: Y.Doc, messages: readonly ExportedMessage[]) {
  const live = new Set(messages.filter((m) => m.deletedAt === null).map((m) => m.id));
  const versions: ExportedMessageVersion[] = [];
  for (const [id, value] of messageVersionsMap(doc).entries()) {
    if (!isMessageVersionRecord(value) || !live.has(value.messageId)) continue;
    const { messageId, body, by, writtenAt, replacedAt } = value;
    versions.push({ id, messageId, body, by: actor(by), writtenAt, replacedAt });
  }
  return versions.sort(byReplacement);
}

const byReplacement = (a: ExportedMessageVersion, b: ExportedMessageVersion) =>
  compareStamps(a.replacedAt, b.replacedAt) || compareCodeUnits(a.id, b.id);
const byReactionKey = byKey((r: ExportedReaction) => `${r.messageId}|${r.emoji}|${r.actorId}`);
const byPinnedMessage = byKey((p: ExportedPin) => p.messageId);
const byReplyAndIndex = (a: ExportedToolStep, b: ExportedToolStep) =>
  byKey<ExportedToolStep>((s) => s.messageId)(a, b) || a.index - b.index;

export function readChannelContent(doc: Y.Doc): ChannelContent {
  const threads: ExportedThread[] = decodeAll(threadsMap(doc), decodeThread)
    .sort(compareByStampThenId)
    .map((t) => ({
      id: t.id,
      title: t.title,
      status: t.status,
      createdBy: actor(t.createdBy),
      createdAt: t.createdAt,
    }));
  const forks: ExportedFork[] = decodeAll(forksMap(doc), decodeFork)
    .sort(compareByStampThenId)
    .map((f) => ({
      id: f.id,
      threadId: f.threadId,
      parentMessageId: f.parentMessageId,
      title: f.title,
      status: f.status,
      createdBy: actor(f.createdBy),
      createdAt: f.createdAt,
      resolution:
        f.resolution === undefined
          ? null
          : {
              text: f.resolution.text,
              summaryMessageId: f.resolution.summaryMessageId,
              resolvedBy: actor(f.resolution.resolvedBy),
              resolvedAt: f.resolution.resolvedAt,
            },
      closedBy: f.closedBy === undefined ? null : actor(f.closedBy),
      closedAt: f.closedAt ?? null,
    }));
  const messages: ExportedMessage[] = decodeAll(messagesMap(doc), decodeMessage)
    .sort(compareByStampThenId)
    .map((m) => ({
      id: m.id,
      threadId: m.threadId,
      forkId: m.forkId,
      author: actor(m.author),
      createdAt: m.createdAt,
      body: m.body.toString(),
      kind: m.kind,
      summaryOfForkId: m.summaryOfForkId ?? null,
      editedAt: m.editedAt ?? null,
      deletedAt: m.deletedAt ?? null,
      deletedBy: m.deletedBy === undefined ? null : actor(m.deletedBy),
      ...(m.attachments === undefined || m.attachments.length === 0
        ? {}
        : { attachments: m.attachments.map(plainAttachment) }),
      task:
        m.task === undefined
          ? null
          : {
              taskId: m.task.taskId,
              status: m.task.status,
              model: m.task.model ?? null,
              usage:
                m.task.usage === undefined
                  ? null
                  : {
                      inputTokens: m.task.usage.inputTokens,
                      outputTokens: m.task.usage.outputTokens,
                    },
              error: m.task.error ?? null,
              stopReason: m.task.stopReason ?? null,
              updatedAt: m.task.updatedAt,
            },
    }));
  const reactions: ExportedReaction[] = [];
  for (const [key, value] of reactionsMap(doc).entries()) {
    const parsed = parseReactionKey(key);
    if (parsed === undefined || !isReactionValue(value)) continue;
    reactions.push({ ...parsed, at: value });
  }
  reactions.sort(byReactionKey);
  const pins: ExportedPin[] = [];
  for (const [messageId, value] of pinsMap(doc).entries()) {
    if (isPinRecord(value)) pins.push({ messageId, by: actor(value.by), at: value.at });
  }
  pins.sort(byPinnedMessage);
  const toolSteps: ExportedToolStep[] = [];
  for (const [id, value] of toolStepsMap(doc).entries()) {
    if (isToolStepRecord(value)) toolSteps.push({ ...value, id, agent: actor(value.agent) });
  }
  toolSteps.sort(byReplyAndIndex);
  return {
    threads,
    forks,
    messages,
    reactions,
    pins,
    messageVersions: messageVersions(doc, messages),
    toolSteps,
  };
}

/**
 * The content of documents that hold disjoint parts of one channel (the thread documents of a
 * split channel) as `readChannelContent` gives it for a document holding them all: the same
 * entries, in the same order.
 */
export function mergeChannelContents(parts: readonly ChannelContent[]): ChannelContent {
  return {
    threads: parts.flatMap((part) => part.threads).sort(compareByStampThenId),
    forks: parts.flatMap((part) => part.forks).sort(compareByStampThenId),
    messages: parts.flatMap((part) => part.messages).sort(compareByStampThenId),
    reactions: parts.flatMap((part) => part.reactions).sort(byReactionKey),
    pins: parts.flatMap((part) => part.pins).sort(byPinnedMessage),
    messageVersions: parts.flatMap((part) => part.messageVersions).sort(byReplacement),
    toolSteps: parts.flatMap((part) => part.toolSteps).sort(byReplyAndIndex),
  };
}
