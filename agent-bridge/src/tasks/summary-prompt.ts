// What an agent is told when asked for a summary: the fork (the message it
// branched from and its messages) or the thread's main line, newest kept
// first within the token budget, the context items in scope, and what kind of
// summary to write; with what it showed.
import {
  type ClaimedTask,
  type ContextItemView,
  forkView,
  type MessageView,
  threadView,
} from "@openvibe/schema";
import type * as Y from "yjs";
import { contextItemSection, seenContextItems } from "../context/context-items.ts";
import {
  agentIntro,
  type BuiltPrompt,
  conversationOf,
  DEFAULT_BUDGET,
  modelRequest,
  type PromptBudget,
  seenMessages,
  transcriptOf,
} from "./prompt.ts";
import { nameOf } from "./prompt-lines.ts";

interface SummarySource {
  /** How the instructions name what is summarised. */
  what: string;
  messages: readonly MessageView[];
}

function source(doc: Y.Doc, task: ClaimedTask): SummarySource {
  const messages = conversationOf(doc, task);
  if (task.forkId !== null) {
    const title = forkView(doc, task.forkId)?.fork.title ?? "";
    return {
      what: `the side discussion "${title}" (it branched off the first message below)`,
      messages,
    };
  }
  return { what: `the thread "${threadView(doc, task.threadId)?.thread.title ?? ""}"`, messages };
}

export function buildSummaryPrompt(
  doc: Y.Doc,
  task: ClaimedTask,
  replyId: string | null,
  items: readonly ContextItemView[] = [],
  budget: PromptBudget = DEFAULT_BUDGET,
): BuiltPrompt {
  const participants = new Map(task.participants.map((p) => [p.id, p]));
  const memory = contextItemSection(items, budget.contextItemTokens);
  const { what, messages } = source(doc, task);
  const transcript = transcriptOf(participants, messages, replyId, budget.conversationTokens);
  const system = [
    task.config.systemPrompt,
    agentIntro(task),
    "You write summaries for people who did not follow the discussion: what was decided, " +
      "why, and what is still open, with who owns it. Be brief; use Markdown bullets.",
    memory.text,
  ]
    .filter((part) => part !== "")
    .join("\n\n");
  const asker = nameOf(participants, task.requester);
  const request = modelRequest(
    task,
    system,
    `${transcript.lines.join("\n")}\n\n${asker} asked you to summarise ${what}. Write only the summary.`,
  );
  return {
    request,
    seen: {
      messages: seenMessages("conversation", transcript.shown),
      related: [],
      contextItems: seenContextItems(memory.shown),
    },
  };
}
