import type * as Y from "yjs";
import type { Actor } from "../actors.ts";
import { defaultEnv, type Env } from "../ids.ts";
import { summaryRequestsMap } from "../layout.ts";
import type { OperationName } from "../origin.ts";
import { type SummaryRequestKey, summaryRequestKey } from "../records/summary-request.ts";
import {
  assertCanWrite,
  type Moderation,
  requireOpenForkOf,
  requirePostTarget,
} from "./preconditions.ts";
import { commit } from "./transaction.ts";

function writeRequest(
  doc: Y.Doc,
  actor: Actor,
  operation: OperationName,
  request: SummaryRequestKey,
  env: Env,
): void {
  const requestedAt = env.now();
  commit(doc, actor, operation, () =>
    summaryRequestsMap(doc).set(summaryRequestKey(request), requestedAt),
  );
}

export interface RequestForkSummaryInput extends Moderation {
  readonly forkId: string;
}

/**
 * Asks the workspace's default agent to summarise an open fork into its parent thread and resolve
 * it with that summary. Only the fork's creator (or a moderator) may, as for `resolveFork`. Works
 * offline; asking again (from another device too) still yields one summary.
 */
export function requestForkSummary(
  doc: Y.Doc,
  actor: Actor,
  input: RequestForkSummaryInput,
  env: Env = defaultEnv,
): void {
  const fork = requireOpenForkOf(doc, actor, input.forkId, input, "ask for a fork's summary");
  requirePostTarget(doc, fork.threadId, null);
  writeRequest(
    doc,
    actor,
    "requestForkSummary",
    { kind: "fork", targetId: fork.id, actorId: actor.id },
    env,
  );
}

export interface RequestThreadSummaryInput {
  readonly threadId: string;
}

/** Asks the default agent to post a summary of the thread's main line into it. Anyone who may write. */
export function requestThreadSummary(
  doc: Y.Doc,
  actor: Actor,
  input: RequestThreadSummaryInput,
  env: Env = defaultEnv,
): void {
  assertCanWrite(doc, actor);
  const { thread } = requirePostTarget(doc, input.threadId, null);
  writeRequest(
    doc,
    actor,
    "requestThreadSummary",
    { kind: "thread", targetId: thread.id, actorId: actor.id },
    env,
  );
}
