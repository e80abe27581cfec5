// What an agent is told: who and where it is (channel, topic, pinned
// context), related messages found elsewhere in the workspace, the
// conversation it was called into (the thread, or the fork and the message it
// branched from, with resolved forks' summaries as they appear in the thread),
// and who is asking — newest messages kept first when the whole does not fit
// the token budget.
import {
  type ClaimedTask,
  forkView,
  listPinned,
  type MessageView,
  type Participant,
  type RelatedMessage,
  threadView,
} from "@openvibe/schema";
import type * as Y from "yjs";
import { relatedSection } from "../context/related-section.ts";
import type { ModelRequest } from "../model/model-provider.ts";
import { nameOf, newestWithin } from "./prompt-lines.ts";

export interface PromptBudget {
  /** Tokens for the conversation transcript. */
  conversationTokens: number;
  /** Tokens for pinned messages. */
  pinnedTokens: number;
  /** Tokens for related messages from elsewhere in the workspace. */
  relatedTokens: number;
}

export const DEFAULT_BUDGET: PromptBudget = {
  conversationTokens: 12_000,
  pinnedTokens: 2_000,
  relatedTokens: 600,
};

function line(participants: Map<string, Participant>, message: MessageView): string {
  const label = message.kind === "fork-summary" ? " [summary of a resolved side discussion]" : "";
  return `${nameOf(participants, message.author)}${label}: ${message.body}`;
}

/** What a task is about: a fork's parent message and its messages, or the thread's main line. */
export function conversationOf(doc: Y.Doc, task: ClaimedTask): MessageView[] {
  if (task.forkId !== null) {
    const fork = forkView(doc, task.forkId);
    if (fork === undefined) return [];
    return [...(fork.parent === null ? [] : [fork.parent]), ...fork.messages];
  }
  return [...(threadView(doc, task.threadId)?.messages ?? [])];
}

/** Transcript lines of the messages worth showing (not deleted, not empty, not the reply being written), newest first within `tokens`. */
export function transcriptOf(
  participants: Map<string, Participant>,
  messages: readonly MessageView[],
  replyId: string | null,
  tokens: number,
): string[] {
  const visible = messages.filter((m) => !m.deleted && m.id !== replyId && m.body.trim() !== "");
  return newestWithin(
    visible.map((m) => line(participants, m)),
    tokens,
  );
}

/** `related`: messages found elsewhere in the workspace, best first. */
export function buildPrompt(
  doc: Y.Doc,
  task: ClaimedTask,
  replyId: string | null,
  related: readonly RelatedMessage[] = [],
  budget: PromptBudget = DEFAULT_BUDGET,
): ModelRequest {
  const participants = new Map(task.participants.map((p) => [p.id, p]));
  const pinned = newestWithin(
    listPinned(doc).map((p) => line(participants, p.message)),
    budget.pinnedTokens,
  );
  const transcript = transcriptOf(
    participants,
    conversationOf(doc, task),
    replyId,
    budget.conversationTokens,
  );
  const system = [
    task.config.systemPrompt,
    agentIntro(task),
    task.forkId === null
      ? ""
      : "You are in a side discussion (a fork) branched off the first message below.",
    pinned.length === 0 ? "" : `Pinned in this channel:\n${pinned.join("\n")}`,
    relatedSection(related, budget.relatedTokens),
  ]
    .filter((part) => part !== "")
    .join("\n\n");
  const asker = nameOf(participants, task.requester);
  return modelRequest(
    task,
    system,
    `${transcript.join("\n")}\n\n${asker} mentioned you. Write your reply to them.`,
  );
}

/** Who the agent is and where: the first line of its instructions after the system prompt. */
export function agentIntro(task: ClaimedTask): string {
  const where = `the #${task.channel.name} channel${task.channel.topic ? ` (topic: ${task.channel.topic})` : ""}`;
  return `You are ${task.agent.displayName} (@${task.agent.handle}), an AI agent in ${where} of a team chat.`;
}

/** One user turn with the agent's model settings. */
export function modelRequest(task: ClaimedTask, system: string, content: string): ModelRequest {
  return {
    model: task.config.model,
    system,
    messages: [{ role: "user", content }],
    maxTokens: task.config.maxOutputTokens,
    ...(task.config.temperature === null ? {} : { temperature: task.config.temperature }),
  };
}
