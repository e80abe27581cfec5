import type * as Y from "yjs";
import type { Actor } from "../actors.ts";
import { ChannelError } from "../errors.ts";
import { defaultEnv, type Env, freshId } from "../ids.ts";
import { forksMap, messagesMap } from "../layout.ts";
import { insertFork, writeForkAbandoned, writeForkResolved } from "../records/fork.ts";
import { requireMessage } from "../records/lookup.ts";
import { insertMessage, isDeleted, type MessageRecord } from "../records/message.ts";
import { titleFromText } from "../titles.ts";
import { assertBody, assertTitle } from "../validation.ts";
import { resolveWithSummary } from "./fork-summaries.ts";
import {
  assertCanWrite,
  type Moderation,
  requireOpenForkOf,
  requirePostTarget,
} from "./preconditions.ts";
import { nextThreadStamp } from "./stamps.ts";
import { commit } from "./transaction.ts";

export interface CreateForkInput {
  readonly messageId: string;
  readonly title?: string;
  /** When given, the fork's first message. */
  readonly body?: string;
}

const DEFAULT_FORK_TITLE = "Side conversation";

/** Without a title, a fork is named after the first line of the message it branches from. */
function defaultForkTitle(parent: MessageRecord): string {
  return titleFromText(parent.body.toString(), DEFAULT_FORK_TITLE);
}

/** Branches a side conversation off a main-line message that is not deleted. */
export function createFork(
  doc: Y.Doc,
  actor: Actor,
  input: CreateForkInput,
  env: Env = defaultEnv,
): string {
  assertCanWrite(doc, actor);
  if (input.title !== undefined) assertTitle(input.title);
  if (input.body !== undefined) assertBody(input.body);
  const parent = requireMessage(doc, input.messageId);
  if (parent.forkId !== null || isDeleted(parent)) {
    const why = parent.forkId !== null ? "is inside a fork" : "is deleted";
    throw new ChannelError("invalid_target", `cannot fork from message ${parent.id}: it ${why}`, {
      entity: "message",
      id: parent.id,
    });
  }
  requirePostTarget(doc, parent.threadId, null);
  const forkId = freshId(env);
  const firstMessage =
    input.body === undefined ? undefined : { id: freshId(env), body: input.body };
  const createdAt = nextThreadStamp(doc, parent.threadId, env);
  commit(doc, actor, "createFork", () => {
    insertFork(forksMap(doc), {
      id: forkId,
      threadId: parent.threadId,
      parentMessageId: parent.id,
      title: input.title ?? defaultForkTitle(parent),
      createdBy: actor,
      createdAt,
    });
    if (firstMessage === undefined) return;
    insertMessage(messagesMap(doc), {
      ...firstMessage,
      threadId: parent.threadId,
      forkId,
      author: actor,
      createdAt,
      kind: "message",
    });
  });
  return forkId;
}

export type ResolveForkInput = Moderation & { readonly forkId: string } & (
    | {
        /** The summary, posted into the parent thread's main line and kept as the resolution. */
        readonly resolution: string;
        readonly summaryMessageId?: undefined;
      }
    | {
        /**
         * Resolve with this existing `fork-summary` message (the actor's own, e.g. an agent's
         * completed summary reply) instead of posting one; its body is the resolution.
         * An agent's `moderator` counts only with it.
         */
        readonly summaryMessageId: string;
        readonly resolution?: string;
      }
  );

export interface ResolvedFork {
  readonly summaryMessageId: string;
}

/**
 * Only the fork's creator (or a moderator) closes it: the fork entry is theirs. An agent acts as
 * a moderator only to resolve with its own summary reply (`summaryMessageId`).
 */
export function resolveFork(
  doc: Y.Doc,
  actor: Actor,
  input: ResolveForkInput,
  env: Env = defaultEnv,
): ResolvedFork {
  const agentWithoutSummary = actor.kind === "agent" && input.summaryMessageId === undefined;
  const fork = requireOpenForkOf(
    doc,
    actor,
    input.forkId,
    agentWithoutSummary ? {} : input,
    "resolve a fork",
  );
  if (input.summaryMessageId !== undefined) {
    requirePostTarget(doc, fork.threadId, null);
    return resolveWithSummary(doc, actor, fork, input.summaryMessageId, env);
  }
  assertBody(input.resolution);
  requirePostTarget(doc, fork.threadId, null);
  const summaryMessageId = freshId(env);
  const resolvedAt = nextThreadStamp(doc, fork.threadId, env);
  commit(doc, actor, "resolveFork", () => {
    insertMessage(messagesMap(doc), {
      id: summaryMessageId,
      threadId: fork.threadId,
      forkId: null,
      author: actor,
      createdAt: resolvedAt,
      body: input.resolution,
      kind: "fork-summary",
      summaryOfForkId: fork.id,
    });
    writeForkResolved(fork, {
      text: input.resolution,
      summaryMessageId,
      resolvedBy: actor,
      resolvedAt,
    });
  });
  return { summaryMessageId };
}

export interface AbandonForkInput extends Moderation {
  readonly forkId: string;
}

/** Closes a fork without a summary; it stays readable. */
export function abandonFork(
  doc: Y.Doc,
  actor: Actor,
  input: AbandonForkInput,
  env: Env = defaultEnv,
): void {
  const fork = requireOpenForkOf(doc, actor, input.forkId, input, "abandon a fork");
  const closedAt = nextThreadStamp(doc, fork.threadId, env);
  commit(doc, actor, "abandonFork", () => writeForkAbandoned(fork, actor, closedAt));
}
