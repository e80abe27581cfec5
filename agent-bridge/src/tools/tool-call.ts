// One tool call of the loop: shown as a step while it runs, bounded by the
// agent's time per call, its result cut to the agent's size limit, and ended
// with how it went. A failing, hanging or vanished server ends the step with
// an error that the model is given as the call's result; Stop (the reply's
// signal) cancels the call and ends the step as cancelled. A tool with the
// "ask" policy first waits for a person's decision (./reply-steps.ts), up to
// the agent's approval timeout; denied or undecided, it is not run.
import type { ToolLimits } from "@openvibe/schema";
import {
  ModelError,
  type TokenUsage,
  type ToolCall,
  type ToolResult,
} from "../model/model-provider.ts";
import type { ReplySteps } from "./reply-steps.ts";
import { limitOutput, summaryOf } from "./tool-output.ts";
import { ToolTimeoutError } from "./tool-timeout.ts";
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
  /** A person's name, for "Approved by …". */
  nameOf(actorId: string): string;
}

const late = (limits: ToolLimits) => `no answer within ${limits.callTimeoutMs / 1000} s`;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function runToolCall(call: ToolCall, context: CallContext): Promise<ToolResult> {
  const { toolbox, steps, limits, signal } = context;
  const entry = toolbox.tools.get(call.name);
  const overLimit = context.made >= limits.maxCallsPerReply;
  const ask = !overLimit && entry?.policy === "ask";
  const stepId = steps.start(call.name, call.input, ask);
  const started = performance.now();
  let approvedBy = "";
  const end = (text: string, status: "ok" | "error" | "denied", summary?: string): ToolResult => {
    const isError = status !== "ok";
    const output = limitOutput(text, limits.maxResultBytes);
    steps.finish(stepId, {
      status,
      summary: summary ?? `${summaryOf(output, isError)}${approvedBy}`,
      result: output.text,
      durationMs: performance.now() - started,
    });
    return { callId: call.id, content: output.text, isError };
  };
  if (overLimit) {
    return end(
      `Not run: this reply reached its limit of ${limits.maxCallsPerReply} tool calls. Answer with what you have.`,
      "error",
    );
  }
  if (entry === undefined) return end(`There is no tool named ${call.name}.`, "error");
  let deadline: AbortSignal | null = null;
  try {
    if (ask) {
      const decided = await steps.awaitDecision(stepId, limits.approvalTimeoutMs, signal);
      if (decided === null) {
        const waited = `${Math.round(limits.approvalTimeoutMs / 1000)} s`;
        return end(
          `Not run: no one approved this call within ${waited}.`,
          "denied",
          "Not approved in time",
        );
      }
      const who = context.nameOf(decided.actorId);
      if (decided.decision === "deny") {
        return end(`Not run: ${who} denied this call.`, "denied", `Denied by ${who}`);
      }
      steps.run(stepId, `Approved by ${who}`);
      approvedBy = ` (approved by ${who})`;
    }
    deadline = AbortSignal.timeout(limits.callTimeoutMs);
    const output = await entry.call(
      call.input,
      AbortSignal.any([signal, deadline]),
      limits.callTimeoutMs,
    );
    if (deadline.aborted) return end(`The tool call failed: ${late(limits)}`, "error");
    return end(output.text, output.isError ? "error" : "ok");
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
    const timedOut = deadline?.aborted === true || error instanceof ToolTimeoutError;
    const why = timedOut ? late(limits) : message(error);
    return end(`The tool call failed: ${why}`, "error");
  }
}
