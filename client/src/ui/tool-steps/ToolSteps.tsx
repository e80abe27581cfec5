// The tool calls of an agent reply, under it: collapsed to one line by
// default; opened, each step shows its tool, outcome, duration and summary,
// and opens in turn to its full input and result (what the model was given).
// A call awaiting approval opens the list and offers Approve and Deny.
import { isOpenToolStep, type ToolStepView, toolStepsOf } from "@openvibe/schema";
import { type ReactNode, useCallback, useEffect, useState } from "react";
import type { DocumentReplica } from "../../sync/document-replica.ts";
import { useChannelView } from "../use-channel.ts";
import { durationLabel, outcomeLabel, stepsHeading } from "./step-labels.ts";
import { ToolDecisionButtons } from "./ToolDecisionButtons.tsx";
import "./tool-steps.css";

function ToolStep(props: { step: ToolStepView; replica: DocumentReplica }): ReactNode {
  const { step, replica } = props;
  return (
    <li className="tool-step" data-status={step.status}>
      {step.status === "awaiting" && <ToolDecisionButtons stepId={step.id} replica={replica} />}
      <details>
        <summary>
          <code className="tool-name">{step.tool}</code>
          <span className="tool-outcome">{outcomeLabel(step.status)}</span>
          <span className="tool-duration">{durationLabel(step.durationMs)}</span>
          <span className="tool-summary">{step.summary}</span>
        </summary>
        <h4>Input</h4>
        <pre className="tool-input">{step.input}</pre>
        {!isOpenToolStep(step.status) && (
          <>
            <h4>Result</h4>
            <pre className="tool-result">{step.result === "" ? "(none)" : step.result}</pre>
          </>
        )}
      </details>
    </li>
  );
}

export function ToolSteps(props: { messageId: string; replica: DocumentReplica }): ReactNode {
  const { messageId, replica } = props;
  const read = useCallback((r: DocumentReplica) => toolStepsOf(r.doc, messageId), [messageId]);
  const steps = useChannelView(replica, read);
  const awaiting = steps.some((step) => step.status === "awaiting");
  const [open, setOpen] = useState(false);
  // A call waiting for approval opens the list; after that, the reader opens and closes it.
  useEffect(() => {
    if (awaiting) setOpen(true);
  }, [awaiting]);
  if (steps.length === 0) return null;
  return (
    <details
      className="tool-steps"
      open={open}
      onToggle={(event) => setOpen(event.currentTarget.open)}
    >
      <summary>{stepsHeading(steps.map((step) => step.status))}</summary>
      <ol>
        {steps.map((step) => (
          <ToolStep key={step.id} step={step} replica={replica} />
        ))}
      </ol>
    </details>
  );
}
