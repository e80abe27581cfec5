import {
  canPost,
  ownKeyedValue,
  type RootWriteRule,
  splitOwnedKey,
} from "../write-rules/entry-write.ts";
import { isFiniteNumber, isRecord, oneOf } from "./guards.ts";

export const TOOL_DECISIONS = ["approve", "deny"] as const;
export type ToolDecision = (typeof TOOL_DECISIONS)[number];

/**
 * A person's decision on a tool call awaiting approval: one key of the `toolDecisions` map,
 * `${stepId}|${actorId}`, owned by the person, whose value says what and when (wall-clock ms).
 * Anyone who may write in the channel decides without touching the agent's step; the bridge
 * waiting on the step takes the first decision and records it in the step.
 */
export interface ToolDecisionValue {
  readonly decision: ToolDecision;
  readonly at: number;
}

export interface ToolDecisionKey {
  readonly stepId: string;
  readonly actorId: string;
}

export function toolDecisionKey(key: ToolDecisionKey): string {
  return `${key.stepId}|${key.actorId}`;
}

export function parseToolDecisionKey(key: string): ToolDecisionKey | undefined {
  const parts = splitOwnedKey(key);
  return parts === undefined ? undefined : { stepId: parts[0], actorId: parts[1] };
}

export function isToolDecisionValue(value: unknown): value is ToolDecisionValue {
  return isRecord(value) && oneOf(TOOL_DECISIONS)(value.decision) && isFiniteNumber(value.at);
}

/** People who may write in the channel decide, under their own key only (agents never do). */
export const toolDecisionWrites: RootWriteRule = {
  entries: "value",
  check: ownKeyedValue(
    (key) => parseToolDecisionKey(key)?.actorId,
    isToolDecisionValue,
    (writer) => canPost(writer) && writer.actor.kind === "human",
  ),
};
