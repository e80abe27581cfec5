// One tool call of the loop: shown as a step while it runs, bounded by the
// agent's time per call, its result cut to the agent's size limit, and ended
// with how it went. A failing, hanging or vanished server ends the step with
// an error that the model is given as the call's result; Stop (the reply's
// signal) cancels the call and ends the step as cancelled.
import type { ToolLimits } from "@openvibe/schema";
import {
  ModelError,
  type TokenUsage,
  type ToolCall,
  type ToolResult,
} from "../model/model-provider.ts";
import type { ReplySteps } from "./reply-steps.ts";
import { limitOutput, summaryOf } from "./tool-output.ts";
import type { Toolbox } from "./toolbox.ts";

export interface CallContext {
  toolbox: Toolbox;
  steps: ReplySteps;
  limits: ToolLimits;
  signal: AbortSignal;
  /** Calls this reply made before this one. */
  made: number;
  /** Tokens used so far, carried by the cancellation. */
  usage: TokenUsage;
}

const late = (limits: ToolLimits) => `no answer within ${limits.callTimeoutMs / 1000} s`;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function runToolCall(call: ToolCall, context: CallContext): Promise<ToolResult> {
  const { toolbox, steps, limits, signal } = context;
  const stepId = steps.start(call.name, call.input);
  const started = performance.now();
  const end = (text: string, isError: boolean): ToolResult => {
    const output = limitOutput(text, limits.maxResultBytes);
    steps.finish(stepId, {
      status: isError ? "error" : "ok",
      summary: summaryOf(output, isError),
      result: output.text,
      durationMs: performance.now() - started,
    });
    return { callId: call.id, content: output.text, isError };
  };
  if (context.made >= limits.maxCallsPerReply) {
    return end(
      `Not run: this reply reached its limit of ${limits.maxCallsPerReply} tool calls. Answer with what you have.`,
      true,
    );
  }
  const entry = toolbox.tools.get(call.name);
  if (entry === undefined) return end(`There is no tool named ${call.name}.`, true);
  const deadline = AbortSignal.timeout(limits.callTimeoutMs);
  try {
    const output = await entry.call(
      call.input,
      AbortSignal.any([signal, deadline]),
      limits.callTimeoutMs,
    );
    if (deadline.aborted) return end(`The tool call failed: ${late(limits)}`, true);
    return end(output.text, output.isError);
  } catch (error) {
    if (signal.aborted) {
      steps.finish(stepId, {
        status: "cancelled",
        summary: "Stopped before the tool answered",
        result: "",
        durationMs: performance.now() - started,
      });
      throw new ModelError("cancelled", "stopped during a tool call", {
        cause: error,
        usage: context.usage,
      });
    }
    return end(`The tool call failed: ${deadline.aborted ? late(limits) : message(error)}`, true);
  }
}
