// The shared memory in a prompt: the context items in the task's scope (its thread's, its
// channel's, the workspace's), fetched from the server as the task's agent. Most relevant first
// (the items sharing the most words with the mention, then the nearest scope: the task's own
// thread before its channel before the workspace), newest first among equals, within a token
// budget. Items are an extra like related messages: when the server fails or is slow the reply
// goes ahead without them and a warning is logged.
import {
  type ClaimedTask,
  type ContextItemView,
  getMessage,
  type SeenContextItem,
} from "@openvibe/schema";
import type * as Y from "yjs";
import type { Logger } from "../logger.ts";
import type { BridgeApi } from "../server/bridge-api.ts";
import { firstWithin } from "../tasks/prompt-lines.ts";
import { relatedQuery } from "./related-query.ts";

export const CONTEXT_ITEMS_TIMEOUT_MS = 2_000;
/** Tokens for context items unless the bridge is set otherwise (OPENVIBE_CONTEXT_ITEM_TOKENS). */
export const DEFAULT_CONTEXT_ITEM_TOKENS = 4_000;
export const CONTEXT_ITEMS_HEADING = "What the team has recorded (decisions, facts, action items)";

export interface ContextItemDeps {
  api: BridgeApi;
  logger: Logger;
  /** How long to wait for the server's answer (default CONTEXT_ITEMS_TIMEOUT_MS). */
  contextItemsTimeoutMs?: number;
}

/** Newest first; empty when the server could not answer. */
export async function fetchContextItems(
  task: Pick<ClaimedTask, "id">,
  deps: ContextItemDeps,
  signal: AbortSignal,
): Promise<ContextItemView[]> {
  const timeoutMs = deps.contextItemsTimeoutMs ?? CONTEXT_ITEMS_TIMEOUT_MS;
  try {
    return await deps.api.contextItems(
      task.id,
      AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    );
  } catch (error) {
    if (!signal.aborted) {
      deps.logger.warn(
        { err: error, taskId: task.id, timeoutMs },
        "context items unavailable; replying without them",
      );
    }
    return [];
  }
}

const SCOPE_NEARNESS = { thread: 2, channel: 1, workspace: 0 } as const;

function wordsOf(text: string): Set<string> {
  const query = relatedQuery(text);
  return new Set(query === null ? [] : query.trim().split(" "));
}

/** `items` (newest first) ordered most relevant to the task's mention first. */
export function rankContextItems(
  items: readonly ContextItemView[],
  task: Pick<ClaimedTask, "threadId">,
  mention: string,
): ContextItemView[] {
  const asked = wordsOf(mention);
  const score = (item: ContextItemView) => {
    let shared = 0;
    for (const word of wordsOf(item.text)) if (asked.has(word)) shared += 1;
    const nearness =
      item.scope === "thread" && item.threadId !== task.threadId ? 1 : SCOPE_NEARNESS[item.scope];
    return { shared, nearness };
  };
  const scored = items.map((item, newest) => ({ item, newest, ...score(item) }));
  scored.sort((a, b) => b.shared - a.shared || b.nearness - a.nearness || a.newest - b.newest);
  return scored.map(({ item }) => item);
}

function itemLine(item: ContextItemView): string {
  const where = item.scope === "workspace" ? "workspace" : item.scope;
  const text = item.text.replace(/\s+/g, " ").trim();
  return `- [${item.kind}, ${where}, ${item.updatedAt.slice(0, 10)}, by ${item.author.displayName}] ${text}`;
}

export interface ContextItemSection {
  /** The section for the system prompt, or "" when nothing fits. */
  text: string;
  /** The items it shows, in its order. */
  shown: ContextItemView[];
}

/** The ranked `items` that fit `tokens`, between tags that keep them apart from the conversation. */
export function contextItemSection(
  items: readonly ContextItemView[],
  tokens: number,
): ContextItemSection {
  const lines = firstWithin(items.map(itemLine), tokens);
  if (lines.length === 0) return { text: "", shown: [] };
  const text = [
    `${CONTEXT_ITEMS_HEADING}; prefer them to older messages when they disagree:`,
    "<context-items>",
    ...lines,
    "</context-items>",
  ].join("\n");
  return { text, shown: items.slice(0, lines.length) };
}

/** The mention's text, for ranking (empty when it is gone). */
export function mentionText(doc: Y.Doc, task: Pick<ClaimedTask, "triggerMessageId">): string {
  return getMessage(doc, task.triggerMessageId)?.body ?? "";
}

export function seenContextItems(items: readonly ContextItemView[]): SeenContextItem[] {
  return items.map((item) => ({
    itemId: item.id,
    kind: item.kind,
    scope: item.scope,
    updatedAt: item.updatedAt,
    text: item.text,
  }));
}
