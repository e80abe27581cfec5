// What differs between task kinds when the bridge writes a reply: where it
// goes, what the model is asked, and what follows a finished reply. A mention
// is answered where it was made, with related messages from elsewhere in the
// workspace in its prompt; a fork's summary streams into the parent thread's
// main line and then resolves the fork with itself; a thread's summary is an
// ordinary reply in the thread.
import {
  type Actor,
  type ClaimedTask,
  type ContextItemView,
  type FinalTaskStatus,
  forkView,
  isChannelError,
  resolveFork,
  type StartAgentReplyInput,
} from "@openvibe/schema";
import type * as Y from "yjs";
import {
  type ContextItemDeps,
  fetchContextItems,
  mentionText,
  rankContextItems,
} from "../context/context-items.ts";
import { findRelated, type RelatedDeps } from "../context/related-messages.ts";
import type { Ending } from "./endings.ts";
import {
  type BuiltPrompt,
  buildPrompt,
  conversationOf,
  DEFAULT_BUDGET,
  type PromptBudget,
} from "./prompt.ts";
import { loadPromptFiles } from "./prompt-files.ts";
import { buildSummaryPrompt } from "./summary-prompt.ts";

export interface FinishedReply {
  messageId: string;
  status: FinalTaskStatus;
  stopReason: string | null;
}

export interface ReplyPlan {
  /** Why there is nothing to write (e.g. the fork closed before its summary), or null. */
  skip: string | null;
  target: Pick<StartAgentReplyInput, "threadId" | "forkId" | "summaryOfForkId">;
  /**
   * The model request and what it shows. `signal` aborts what the prompt waits for (the
   * related-messages search).
   */
  prompt(doc: Y.Doc, replyId: string, signal: AbortSignal): Promise<BuiltPrompt>;
  /** Runs after the reply is finished in the document. */
  afterFinish(doc: Y.Doc, agent: Actor, reply: FinishedReply): void;
}

export interface PromptDeps extends RelatedDeps, ContextItemDeps {
  /** The prompt's token budgets (default DEFAULT_BUDGET). */
  budget?: PromptBudget;
}

/** The items in the task's scope, most relevant to its mention first. */
async function itemsFor(
  doc: Y.Doc,
  task: ClaimedTask,
  deps: PromptDeps,
  signal: AbortSignal,
): Promise<ContextItemView[]> {
  const items = await fetchContextItems(task, deps, signal);
  return rankContextItems(items, task, mentionText(doc, task));
}

export const FORK_CLOSED_SKIP = "the fork was closed before its summary was written";

/** How a task with nothing to write ends in the ledger: cancelled, with the reason. */
export function skippedEnding(reason: string): Ending {
  const none = { model: null, stopReason: null, inputTokens: 0, outputTokens: 0, provider: null };
  return { status: "cancelled", ...none, error: reason };
}

const nothingAfter = () => undefined;

/** A reply with the budget-spent notice is not a summary. */
const isRealAnswer = (reply: FinishedReply) =>
  reply.status === "completed" && reply.stopReason !== "budget_exhausted";

function forkSummaryPlan(
  doc: Y.Doc,
  task: ClaimedTask,
  forkId: string,
  deps: PromptDeps,
): ReplyPlan {
  const open = forkView(doc, forkId)?.fork.status === "open";
  const log = deps.logger;
  const budget = deps.budget ?? DEFAULT_BUDGET;
  return {
    skip: open ? null : FORK_CLOSED_SKIP,
    target: { threadId: task.threadId, forkId: null, summaryOfForkId: forkId },
    prompt: async (d, replyId, signal) =>
      buildSummaryPrompt(d, task, replyId, await itemsFor(d, task, deps, signal), budget),
    afterFinish(d, agent, reply) {
      if (!isRealAnswer(reply)) return;
      try {
        resolveFork(d, agent, { forkId, summaryMessageId: reply.messageId, moderator: true });
      } catch (error) {
        // Closed by someone meanwhile, or the summary was deleted: the summary stays posted.
        if (!isChannelError(error)) throw error;
        log.warn({ err: error, forkId }, "fork not resolved with the summary");
      }
    },
  };
}

export function replyPlan(doc: Y.Doc, task: ClaimedTask, deps: PromptDeps): ReplyPlan {
  if (task.kind === "fork-summary" && task.forkId !== null) {
    return forkSummaryPlan(doc, task, task.forkId, deps);
  }
  const summary = task.kind === "thread-summary";
  const budget = deps.budget ?? DEFAULT_BUDGET;
  return {
    skip: null,
    target: { threadId: task.threadId, forkId: summary ? null : task.forkId },
    prompt: async (d, replyId, signal) => {
      if (summary) {
        return buildSummaryPrompt(d, task, replyId, await itemsFor(d, task, deps, signal), budget);
      }
      const [related, items, files] = await Promise.all([
        findRelated(d, task, deps, signal),
        itemsFor(d, task, deps, signal),
        loadPromptFiles(conversationOf(d, task), (id) =>
          // A file that cannot be fetched now is named without its content.
          deps.api.file(task.id, id, signal).catch((error: unknown) => {
            if (signal.aborted) throw error;
            deps.logger.warn({ err: error, fileId: id }, "file left out of the prompt");
            return null;
          }),
        ),
      ]);
      return buildPrompt(d, task, replyId, { related, items }, budget, files);
    },
    afterFinish: nothingAfter,
  };
}
