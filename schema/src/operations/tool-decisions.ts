import type * as Y from "yjs";
import type { Actor } from "../actors.ts";
import { ChannelError, notFound } from "../errors.ts";
import { defaultEnv, type Env } from "../ids.ts";
import { toolDecisionsMap, toolStepsMap } from "../layout.ts";
import { type ToolDecision, toolDecisionKey } from "../records/tool-decision.ts";
import { isToolStepRecord } from "../records/tool-step.ts";
import { assertCanWrite } from "./preconditions.ts";
import { commit } from "./transaction.ts";

export interface DecideToolCallInput {
  readonly stepId: string;
  readonly decision: ToolDecision;
}

/**
 * Approves or denies a tool call awaiting approval. Works offline like any write: the bridge sees
 * the decision when it syncs (if it still waits). Deciding again, or after the call was decided,
 * changes nothing.
 */
export function decideToolCall(
  doc: Y.Doc,
  actor: Actor,
  input: DecideToolCallInput,
  env: Env = defaultEnv,
): void {
  assertCanWrite(doc, actor);
  if (actor.kind !== "human") {
    throw new ChannelError("invalid_actor", "only people approve or deny tool calls");
  }
  const step = toolStepsMap(doc).get(input.stepId);
  if (!isToolStepRecord(step)) throw notFound("toolStep", input.stepId);
  if (step.status !== "awaiting") return;
  const decisions = toolDecisionsMap(doc);
  const key = toolDecisionKey({ stepId: input.stepId, actorId: actor.id });
  if (decisions.has(key)) return;
  const value = { decision: input.decision, at: env.now() };
  commit(doc, actor, "decideToolCall", () => decisions.set(key, value));
}
