// The retrieval step before a reply to a mention: ask the server for messages related to the
// mention's words (as the task's agent, outside the task's thread). Search is an extra: when it
// fails or is slow, the reply goes ahead without it and a warning is logged.
import { type ClaimedTask, getMessage, type RelatedMessage } from "@openvibe/schema";
import type * as Y from "yjs";
import type { Logger } from "../logger.ts";
import type { BridgeApi } from "../server/bridge-api.ts";
import { relatedQuery } from "./related-query.ts";

/** Hits asked for; the prompt keeps those that fit its budget. */
export const RELATED_LIMIT = 5;
export const RELATED_TIMEOUT_MS = 2_000;

export interface RelatedDeps {
  api: BridgeApi;
  logger: Logger;
  /** How long to wait for the server's answer (default RELATED_TIMEOUT_MS). */
  relatedTimeoutMs?: number;
}

/** Best first; empty when the mention has no words worth searching or the search failed. */
export async function findRelated(
  doc: Y.Doc,
  task: Pick<ClaimedTask, "id" | "triggerMessageId">,
  deps: RelatedDeps,
  signal: AbortSignal,
): Promise<RelatedMessage[]> {
  const trigger = getMessage(doc, task.triggerMessageId);
  const q = trigger === undefined ? null : relatedQuery(trigger.body);
  if (q === null) return [];
  const timeoutMs = deps.relatedTimeoutMs ?? RELATED_TIMEOUT_MS;
  try {
    const result = await deps.api.relatedMessages(
      task.id,
      { q, limit: RELATED_LIMIT },
      AbortSignal.any([signal, AbortSignal.timeout(timeoutMs)]),
    );
    return result.messages;
  } catch (error) {
    // Stopped or shut down meanwhile: the reply ends for that reason, not for the search.
    if (!signal.aborted) {
      deps.logger.warn(
        { err: error, taskId: task.id, timeoutMs },
        "workspace search failed; replying without related messages",
      );
    }
    return [];
  }
}
