// Fork summaries written by an agent: the reply that streams the summary into the parent
// thread, and the fork's resolution with that reply (instead of a second, posted copy).
import type * as Y from "yjs";
import { type Actor, sameActor } from "../actors.ts";
import { ChannelError } from "../errors.ts";
import type { Env } from "../ids.ts";
import type { ForkRecord } from "../records/fork.ts";
import { writeForkResolved } from "../records/fork.ts";
import { requireMessage } from "../records/lookup.ts";
import { isDeleted, type MessageRecord } from "../records/message.ts";
import { assertBody } from "../validation.ts";
import { requirePostTarget } from "./preconditions.ts";
import { nextThreadStamp } from "./stamps.ts";
import { commit } from "./transaction.ts";

/** Where an agent's summary of `summaryOfForkId` goes: the main line of the fork's own thread. */
export function assertSummaryPlacement(
  doc: Y.Doc,
  threadId: string,
  forkId: string | null,
  summaryOfForkId: string,
): void {
  if (forkId !== null) {
    throw new ChannelError("invalid_input", "a fork's summary goes into the thread's main line");
  }
  requirePostTarget(doc, threadId, summaryOfForkId);
}

function refuse(message: MessageRecord, why: string): never {
  throw new ChannelError("invalid_target", `message ${message.id} ${why}`, {
    entity: "message",
    id: message.id,
  });
}

/** The message must be the actor's own finished, live summary reply of this fork. */
function requireOwnSummary(doc: Y.Doc, actor: Actor, fork: ForkRecord, id: string): MessageRecord {
  const message = requireMessage(doc, id);
  if (message.kind !== "fork-summary" || message.summaryOfForkId !== fork.id) {
    refuse(message, `is not a summary of fork ${fork.id}`);
  }
  if (!sameActor(actor, message.author)) {
    throw new ChannelError("not_author", "a fork is resolved only with one's own summary", {
      entity: "message",
      id,
    });
  }
  if (isDeleted(message)) refuse(message, "is deleted");
  if (message.task !== undefined && message.task.status !== "completed") {
    refuse(message, `is a reply that is ${message.task.status}, not completed`);
  }
  return message;
}

/** Resolves the fork with an existing summary message; its body is the resolution text. */
export function resolveWithSummary(
  doc: Y.Doc,
  actor: Actor,
  fork: ForkRecord,
  summaryMessageId: string,
  env: Env,
): { summaryMessageId: string } {
  const message = requireOwnSummary(doc, actor, fork, summaryMessageId);
  const text = message.body.toString();
  assertBody(text);
  const resolvedAt = nextThreadStamp(doc, fork.threadId, env);
  commit(doc, actor, "resolveFork", () =>
    writeForkResolved(fork, { text, summaryMessageId, resolvedBy: actor, resolvedAt }),
  );
  return { summaryMessageId };
}
