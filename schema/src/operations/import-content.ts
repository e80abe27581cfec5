// Writes exported channel content (`ChannelContent`, the export format's) into a fresh channel
// document with its original ids, authors and stamps: the records' own writers, one transaction
// with the origin {source: "system", operation: "importChannelContent"}. Checked first, so
// content that refers to missing entries or repeats an id changes nothing.
import type * as Y from "yjs";
import { SYSTEM_ACTOR } from "../actors.ts";
import type { ChannelContent } from "../api/export-format.ts";
import { ChannelError } from "../errors.ts";
import {
  forksMap,
  messagesMap,
  pinsMap,
  reactionsMap,
  threadsMap,
  toolStepsMap,
} from "../layout.ts";
import { insertFork, writeForkAbandoned, writeForkResolved } from "../records/fork.ts";
import { findFork, findMessage } from "../records/lookup.ts";
import { insertMessage, writeEdit, writeTombstone } from "../records/message.ts";
import { insertMessageVersion } from "../records/message-version.ts";
import { reactionKey } from "../records/reaction.ts";
import { insertThread } from "../records/thread.ts";
import { initChannel } from "./channel.ts";
import { commit } from "./transaction.ts";

/** What makes content unfit to import (empty when it fits), each naming the entry. */
export function channelContentProblems(content: ChannelContent): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  const unique = (kind: string, id: string) => {
    if (ids.has(id)) problems.push(`${kind} ${id}: the id is used twice`);
    ids.add(id);
  };
  const threads = new Set<string>();
  for (const thread of content.threads) {
    unique("thread", thread.id);
    threads.add(thread.id);
  }
  const messages = new Map(content.messages.map((m) => [m.id, m]));
  const forks = new Map(content.forks.map((f) => [f.id, f]));
  for (const fork of content.forks) {
    unique("fork", fork.id);
    if (!threads.has(fork.threadId)) problems.push(`fork ${fork.id}: no thread ${fork.threadId}`);
    const parent = messages.get(fork.parentMessageId);
    if (parent === undefined || parent.threadId !== fork.threadId || parent.forkId !== null) {
      problems.push(`fork ${fork.id}: no main-line message ${fork.parentMessageId} in its thread`);
    }
    if (fork.status === "resolved" && fork.resolution === null)
      problems.push(`fork ${fork.id}: resolved without a resolution`);
    if (fork.status === "abandoned" && (fork.closedBy === null || fork.closedAt === null))
      problems.push(`fork ${fork.id}: abandoned without closedBy and closedAt`);
    if (fork.resolution !== null && !messages.has(fork.resolution.summaryMessageId))
      problems.push(`fork ${fork.id}: no summary message ${fork.resolution.summaryMessageId}`);
  }
  for (const message of content.messages) {
    unique("message", message.id);
    if (!threads.has(message.threadId))
      problems.push(`message ${message.id}: no thread ${message.threadId}`);
    if (message.forkId !== null && forks.get(message.forkId)?.threadId !== message.threadId)
      problems.push(`message ${message.id}: no fork ${message.forkId} in its thread`);
    if (message.summaryOfForkId !== null && !forks.has(message.summaryOfForkId))
      problems.push(`message ${message.id}: no fork ${message.summaryOfForkId} it summarises`);
    if ((message.deletedAt === null) !== (message.deletedBy === null))
      problems.push(`message ${message.id}: deletedAt and deletedBy go together`);
    if (message.deletedAt !== null && message.body !== "")
      problems.push(`message ${message.id}: a deleted message has an empty body`);
  }
  const reactions = new Set<string>();
  for (const reaction of content.reactions) {
    const key = reactionKey(reaction);
    if (!messages.has(reaction.messageId))
      problems.push(`reaction ${key}: no message ${reaction.messageId}`);
    if (reactions.has(key)) problems.push(`reaction ${key}: given twice`);
    reactions.add(key);
  }
  for (const version of content.messageVersions) {
    unique("message version", version.id);
    const message = messages.get(version.messageId);
    if (message === undefined || message.deletedAt !== null)
      problems.push(`message version ${version.id}: no live message ${version.messageId}`);
  }
  const pins = new Set<string>();
  for (const pin of content.pins) {
    if (!messages.has(pin.messageId)) problems.push(`pin of ${pin.messageId}: no such message`);
    if (pins.has(pin.messageId)) problems.push(`pin of ${pin.messageId}: given twice`);
    pins.add(pin.messageId);
  }
  for (const step of content.toolSteps) {
    unique("tool step", step.id);
    if (messages.get(step.messageId)?.task?.taskId !== step.taskId)
      problems.push(`tool step ${step.id}: no reply of task ${step.taskId} (${step.messageId})`);
  }
  return problems;
}

function isEmpty(doc: Y.Doc): boolean {
  return threadsMap(doc).size === 0 && messagesMap(doc).size === 0 && forksMap(doc).size === 0;
}

/**
 * Initialises `doc` as channel `channelId` and writes `content` into it, as it was exported.
 * Refuses (changing nothing) content with problems, and a document that already holds threads.
 */
export function importChannelContent(doc: Y.Doc, channelId: string, content: ChannelContent): void {
  const problems = channelContentProblems(content);
  if (problems.length > 0) {
    throw new ChannelError(
      "invalid_input",
      `channel ${channelId}: ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ""}`,
      { entity: "channel", id: channelId },
    );
  }
  if (!isEmpty(doc)) {
    throw new ChannelError("invalid_input", `channel ${channelId} already holds conversations`, {
      entity: "channel",
      id: channelId,
    });
  }
  commit(doc, SYSTEM_ACTOR, "importChannelContent", () => {
    initChannel(doc, channelId);
    for (const thread of content.threads) insertThread(threadsMap(doc), thread);
    for (const message of content.messages) {
      insertMessage(messagesMap(doc), {
        id: message.id,
        threadId: message.threadId,
        forkId: message.forkId,
        author: message.author,
        createdAt: message.createdAt,
        body: message.body,
        kind: message.kind,
        ...(message.attachments === undefined ? {} : { attachments: message.attachments }),
        ...(message.summaryOfForkId === null ? {} : { summaryOfForkId: message.summaryOfForkId }),
        ...(message.task === null
          ? {}
          : {
              task: {
                taskId: message.task.taskId,
                status: message.task.status,
                updatedAt: message.task.updatedAt,
                ...(message.task.model === null ? {} : { model: message.task.model }),
                ...(message.task.usage === null ? {} : { usage: message.task.usage }),
                ...(message.task.error === null ? {} : { error: message.task.error }),
                ...(message.task.stopReason === null
                  ? {}
                  : { stopReason: message.task.stopReason }),
              },
            }),
      });
      const record = findMessage(doc, message.id);
      if (record === undefined) continue;
      if (message.editedAt !== null) writeEdit(record, message.body, message.editedAt);
      if (message.deletedAt !== null && message.deletedBy !== null)
        writeTombstone(record, message.deletedBy, message.deletedAt);
    }
    for (const fork of content.forks) {
      insertFork(forksMap(doc), fork);
      const record = findFork(doc, fork.id);
      if (record === undefined) continue;
      if (fork.status === "resolved" && fork.resolution !== null)
        writeForkResolved(record, fork.resolution);
      if (fork.status === "abandoned" && fork.closedBy !== null && fork.closedAt !== null)
        writeForkAbandoned(record, fork.closedBy, fork.closedAt);
    }
    for (const reaction of content.reactions)
      reactionsMap(doc).set(reactionKey(reaction), reaction.at);
    for (const pin of content.pins)
      pinsMap(doc).set(pin.messageId, { by: { kind: pin.by.kind, id: pin.by.id }, at: pin.at });
    for (const { id, ...version } of content.messageVersions)
      insertMessageVersion(doc, id, version);
    for (const { id, ...step } of content.toolSteps) toolStepsMap(doc).set(id, step);
  });
}
