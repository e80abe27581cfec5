// What an agent is told when asked for a summary: the fork (the message it
// branched from and its messages) or the thread's main line, newest kept
// first within the token budget, and what kind of summary to write.
import { type ClaimedTask, forkView, type MessageView, threadView } from "@openvibe/schema";
import type * as Y from "yjs";
import type { ModelRequest } from "../model/model-provider.ts";
import {
  agentIntro,
  DEFAULT_BUDGET,
  line,
  modelRequest,
  nameOf,
  newestWithin,
  type PromptBudget,
} from "./prompt.ts";

interface SummarySource {
  /** How the instructions name what is summarised. */
  what: string;
  messages: readonly MessageView[];
}

function source(doc: Y.Doc, task: ClaimedTask): SummarySource {
  if (task.kind === "fork-summary" && task.forkId !== null) {
    const fork = forkView(doc, task.forkId);
    const parent = fork?.parent === null || fork === undefined ? [] : [fork.parent];
    return {
      what: `the side discussion "${fork?.fork.title ?? ""}" (it branched off the first message below)`,
      messages: [...parent, ...(fork?.messages ?? [])],
    };
  }
  return {
    what: `the thread "${threadView(doc, task.threadId)?.thread.title ?? ""}"`,
    messages: threadView(doc, task.threadId)?.messages ?? [],
  };
}

export function buildSummaryPrompt(
  doc: Y.Doc,
  task: ClaimedTask,
  replyId: string | null,
  budget: PromptBudget = DEFAULT_BUDGET,
): ModelRequest {
  const participants = new Map(task.participants.map((p) => [p.id, p]));
  const { what, messages } = source(doc, task);
  const visible = messages.filter((m) => !m.deleted && m.id !== replyId && m.body.trim() !== "");
  const transcript = newestWithin(
    visible.map((m) => line(participants, m)),
    budget.conversationTokens,
  );
  const system = [
    task.config.systemPrompt,
    agentIntro(task),
    "You write summaries for people who did not follow the discussion: what was decided, " +
      "why, and what is still open, with who owns it. Be brief; use Markdown bullets.",
  ].join("\n\n");
  const asker = nameOf(participants, task.requester);
  return modelRequest(
    task,
    system,
    `${transcript.join("\n")}\n\n${asker} asked you to summarise ${what}. Write only the summary.`,
  );
}
