import type * as Y from "yjs";
import { toolDecisionsMap } from "../layout.ts";
import {
  isToolDecisionValue,
  parseToolDecisionKey,
  type ToolDecision,
  toolDecisionKey,
} from "../records/tool-decision.ts";

export interface ToolDecisionView {
  readonly decision: ToolDecision;
  readonly actorId: string;
  readonly at: number;
}

/** The first decision on a step (earliest, then by actor id: the same on every peer), or null. */
export function toolDecisionOf(doc: Y.Doc, stepId: string): ToolDecisionView | null {
  let first: ToolDecisionView | null = null;
  toolDecisionsMap(doc).forEach((value, key) => {
    const parsed = parseToolDecisionKey(key);
    if (parsed?.stepId !== stepId || !isToolDecisionValue(value)) return;
    const view = { decision: value.decision, actorId: parsed.actorId, at: value.at };
    const earlier =
      first === null ||
      view.at < first.at ||
      (view.at === first.at && view.actorId < first.actorId);
    if (earlier) first = view;
  });
  return first;
}

/** Whether this person has decided on the step. */
export function hasDecided(doc: Y.Doc, stepId: string, actorId: string): boolean {
  return isToolDecisionValue(toolDecisionsMap(doc).get(toolDecisionKey({ stepId, actorId })));
}

/** Calls `listener` whenever decisions arrive; returns the unsubscribe. */
export function observeToolDecisions(doc: Y.Doc, listener: () => void): () => void {
  const map = toolDecisionsMap(doc);
  const observer = () => listener();
  map.observe(observer);
  return () => map.unobserve(observer);
}
