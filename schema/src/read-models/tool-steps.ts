import type * as Y from "yjs";
import { toolStepsMap } from "../layout.ts";
import { isToolStepRecord, type ToolStepRecord } from "../records/tool-step.ts";

export interface ToolStepView extends ToolStepRecord {
  readonly id: string;
}

/** The tool calls of an agent reply, in the order it made them. */
export function toolStepsOf(doc: Y.Doc, messageId: string): ToolStepView[] {
  const steps: ToolStepView[] = [];
  toolStepsMap(doc).forEach((value, id) => {
    if (isToolStepRecord(value) && value.messageId === messageId) steps.push({ ...value, id });
  });
  return steps.sort((a, b) => a.index - b.index || (a.id < b.id ? -1 : 1));
}

/** Calls `listener` with the replies whose steps changed; returns the unsubscribe. */
export function observeToolSteps(
  doc: Y.Doc,
  listener: (messageIds: ReadonlySet<string>) => void,
): () => void {
  const map = toolStepsMap(doc);
  const observer = (event: Y.YMapEvent<unknown>) => {
    const ids = new Set<string>();
    for (const key of event.keysChanged) {
      const value = map.get(key);
      if (isToolStepRecord(value)) ids.add(value.messageId);
    }
    if (ids.size > 0) listener(ids);
  };
  map.observe(observer);
  return () => map.unobserve(observer);
}
