// A fork's resolution becomes a context item of the fork's thread (a decision, by whoever resolved
// it, its source the fork and its summary message), once: a second report of the same resolution
// (the document loaded again, an update resent) finds the item there.

import { itemTextOf } from "@openvibe/schema";
import type { AppContext } from "../context.ts";
import { contextItems } from "../db/schema.ts";
import { newId } from "../ids.ts";
import { itemsChanged } from "./context-items.ts";

export interface ForkResolutionFacts {
  channelId: string;
  threadId: string;
  forkId: string;
  summaryMessageId: string | null;
  text: string;
  resolvedBy: string;
}

/** Whether a new item was made (false: the fork had one already). */
export function rememberForkResolution(ctx: AppContext, fork: ForkResolutionFacts): boolean {
  const now = ctx.now();
  const inserted = ctx.db
    .insert(contextItems)
    .values({
      id: newId(),
      kind: "decision",
      text: itemTextOf(fork.text),
      scope: "thread",
      channelId: fork.channelId,
      threadId: fork.threadId,
      source: "fork",
      sourceChannelId: fork.channelId,
      sourceThreadId: fork.threadId,
      sourceMessageForkId: null,
      sourceMessageId: fork.summaryMessageId,
      sourceForkId: fork.forkId,
      sourceTaskId: null,
      authorId: fork.resolvedBy,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .run();
  if (inserted.changes === 0) return false;
  itemsChanged(ctx, fork.channelId);
  return true;
}
