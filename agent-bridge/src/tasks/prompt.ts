// What an agent is told: who and where it is (channel, topic), the context
// items in scope (the shared memory) and the pinned messages no item stands
// for, related messages found elsewhere in the workspace, the
// conversation it was called into (the thread, or the fork and the message it
// branched from, with resolved forks' summaries as they appear in the thread),
// and who is asking — newest messages kept first when the whole does not fit
// the token budget. Each prompt comes with what it showed (`Seen`): the
// messages with their version and text, the context items, and the related hits.
import {
  type ClaimedTask,
  type ContextItemView,
  forkView,
  type MessageView,
  messageVersion,
  type Participant,
  type RelatedMessage,
  type SEEN_PARTS,
  type SeenContextItem,
  type SeenMessage,
  type SeenRelated,
  threadView,
} from "@openvibe/schema";
import type * as Y from "yjs";
import {
  contextItemSection,
  DEFAULT_CONTEXT_ITEM_TOKENS,
  seenContextItems,
} from "../context/context-items.ts";
import { relatedSection, relatedText } from "../context/related-section.ts";
import type { ModelRequest } from "../model/model-provider.ts";
import { filesText, imagesOf, NO_FILES, type PromptFiles } from "./prompt-files.ts";
import { nameOf, newestWithin } from "./prompt-lines.ts";

export interface PromptBudget {
  /** Tokens for the conversation transcript. */
  conversationTokens: number;
  /** Tokens for pinned messages. */
  pinnedTokens: number;
  /** Tokens for related messages from elsewhere in the workspace. */
  relatedTokens: number;
  /** Tokens for context items (the shared memory). */
  contextItemTokens: number;
}

export const DEFAULT_BUDGET: PromptBudget = {
  conversationTokens: 12_000,
  pinnedTokens: 2_000,
  relatedTokens: 600,
  contextItemTokens: DEFAULT_CONTEXT_ITEM_TOKENS,
};

/**
 * What a prompt showed: pinned messages, then the conversation; the related hits, best first;
 * the context items, most relevant first.
 */
export interface Seen {
  messages: SeenMessage[];
  related: SeenRelated[];
  contextItems: SeenContextItem[];
}

/** What a prompt is given beside the document: found elsewhere, and remembered. */
export interface PromptContext {
  /** Messages found elsewhere in the workspace, best first. */
  related?: readonly RelatedMessage[];
  /** Context items in the task's scope, most relevant first (rankContextItems). */
  items?: readonly ContextItemView[];
}

export interface BuiltPrompt {
  request: ModelRequest;
  seen: Seen;
}

export function seenMessages(
  part: (typeof SEEN_PARTS)[number],
  messages: readonly MessageView[],
): SeenMessage[] {
  return messages.map((m) => ({
    messageId: m.id,
    part,
    version: messageVersion(m),
    authorId: m.author.id,
    text: m.body,
  }));
}

function seenRelated(related: readonly RelatedMessage[]): SeenRelated[] {
  return related.map((r) => ({
    messageId: r.messageId,
    channelId: r.channelId,
    channelName: r.channelName,
    threadTitle: r.threadTitle,
    forkId: r.forkId,
    authorId: r.author.id,
    createdAt: r.createdAt,
    excerpt: relatedText(r),
  }));
}

/** The newest of `messages` whose lines fit `tokens`, with those lines, in order. */
function newestMessagesWithin(
  participants: Map<string, Participant>,
  messages: readonly MessageView[],
  tokens: number,
  files: PromptFiles = NO_FILES,
): Transcript {
  const lines = newestWithin(
    messages.map((m) => line(participants, m, files)),
    tokens,
  );
  return { lines, shown: messages.slice(messages.length - lines.length) };
}

export interface Transcript {
  lines: string[];
  /** The messages of `lines`. */
  shown: MessageView[];
}

function line(
  participants: Map<string, Participant>,
  message: MessageView,
  files: PromptFiles,
): string {
  const label = message.kind === "fork-summary" ? " [summary of a resolved side discussion]" : "";
  const attached = filesText(message.attachments, files);
  return `${nameOf(participants, message.author)}${label}: ${message.body}${attached}`;
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
  files: PromptFiles = NO_FILES,
): Transcript {
  const visible = messages.filter(
    (m) => !m.deleted && m.id !== replyId && (m.body.trim() !== "" || m.attachments.length > 0),
  );
  return newestMessagesWithin(participants, visible, tokens, files);
}

/**
 * The channel's pinned messages (the server's, with the claim: `task.pinned`) no shown context
 * item was made from (the item stands for the message), and the items' section: the shared memory
 * replaces pinned context where they overlap.
 */
export function memoryAndPins(
  task: ClaimedTask,
  participants: Map<string, Participant>,
  items: readonly ContextItemView[],
  budget: PromptBudget,
) {
  const memory = contextItemSection(items, budget.contextItemTokens);
  const remembered = new Set(memory.shown.map((item) => item.sourceMessageId));
  const kept = task.pinned.filter((pin) => !remembered.has(pin.messageId));
  const lines = newestWithin(
    kept.map((pin) => `${nameOf(participants, { kind: "human", id: pin.authorId })}: ${pin.text}`),
    budget.pinnedTokens,
  );
  const shown = kept.slice(kept.length - lines.length);
  return { memory, pinned: { lines, shown } };
}

/**
 * `related`: messages found elsewhere in the workspace, best first; `items`: the context items in
 * scope; `files`: the conversation's files as fetched (text files' text, images).
 */
export function buildPrompt(
  doc: Y.Doc,
  task: ClaimedTask,
  replyId: string | null,
  { related = [], items = [] }: PromptContext = {},
  budget: PromptBudget = DEFAULT_BUDGET,
  files: PromptFiles = NO_FILES,
): BuiltPrompt {
  const participants = new Map(task.participants.map((p) => [p.id, p]));
  const { memory, pinned } = memoryAndPins(task, participants, items, budget);
  const found = relatedSection(related, budget.relatedTokens);
  const transcript = transcriptOf(
    participants,
    conversationOf(doc, task),
    replyId,
    budget.conversationTokens,
    files,
  );
  const system = [
    task.config.systemPrompt,
    agentIntro(task),
    task.forkId === null
      ? ""
      : "You are in a side discussion (a fork) branched off the first message below.",
    memory.text,
    pinned.lines.length === 0 ? "" : `Pinned in this channel:\n${pinned.lines.join("\n")}`,
    found.text,
  ]
    .filter((part) => part !== "")
    .join("\n\n");
  const asker = nameOf(participants, task.requester);
  const request = modelRequest(
    task,
    system,
    `${transcript.lines.join("\n")}\n\n${asker} mentioned you. Write your reply to them.`,
  );
  const images = imagesOf(transcript.shown, files);
  const [question] = request.messages;
  if (images.length > 0 && question !== undefined) request.messages = [{ ...question, images }];
  const messages = [
    ...pinned.shown.map(
      (pin): SeenMessage => ({
        messageId: pin.messageId,
        part: "pinned",
        version: pin.version,
        authorId: pin.authorId,
        text: pin.text,
      }),
    ),
    ...seenMessages("conversation", transcript.shown),
  ];
  return {
    request,
    seen: {
      messages,
      related: seenRelated(found.shown),
      contextItems: seenContextItems(memory.shown),
    },
  };
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
