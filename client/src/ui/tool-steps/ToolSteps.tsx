// The tool calls of an agent reply, under it: collapsed to one line by
// default; opened, each step shows its tool, outcome, duration and summary,
// and opens in turn to its full input and result (what the model was given).
import { type ToolStepView, toolStepsOf } from "@openvibe/schema";
import { type ReactNode, useCallback } from "react";
import type { ChannelReplica } from "../../sync/channel-replica.ts";
import { useChannelView } from "../use-channel.ts";
import { durationLabel, outcomeLabel, stepsHeading } from "./step-labels.ts";
import "./tool-steps.css";

function ToolStep({ step }: { step: ToolStepView }): ReactNode {
  return (
    <li className="tool-step" data-status={step.status}>
      <details>
        <summary>
          <code className="tool-name">{step.tool}</code>
          <span className="tool-outcome">{outcomeLabel(step.status)}</span>
          <span className="tool-duration">{durationLabel(step.durationMs)}</span>
          <span className="tool-summary">{step.summary}</span>
        </summary>
        <h4>Input</h4>
        <pre className="tool-input">{step.input}</pre>
        {step.status !== "running" && (
          <>
            <h4>Result</h4>
            <pre className="tool-result">{step.result === "" ? "(none)" : step.result}</pre>
          </>
        )}
      </details>
    </li>
  );
}

export function ToolSteps(props: { messageId: string; replica: ChannelReplica }): ReactNode {
  const { messageId, replica } = props;
  const read = useCallback((r: ChannelReplica) => toolStepsOf(r.doc, messageId), [messageId]);
  const steps = useChannelView(replica, read);
  if (steps.length === 0) return null;
  return (
    <details className="tool-steps">
      <summary>{stepsHeading(steps.map((step) => step.status))}</summary>
      <ol>
        {steps.map((step) => (
          <ToolStep key={step.id} step={step} />
        ))}
      </ol>
    </details>
  );
}
