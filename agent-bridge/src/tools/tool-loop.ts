// The tool loop: the model answers, and while it asks for tools the bridge
// runs them (./tool-call.ts) and asks again with their results. Text from
// every round streams into the reply as it comes. Once the reply has made its
// allowed number of calls, the model is asked to answer without tools.
import type { ToolLimits } from "@openvibe/schema";
import {
  type GenerateOptions,
  ModelError,
  type ModelProvider,
  type ModelRequest,
  type ModelResult,
  type TokenUsage,
  type ToolResult,
  type ToolTurn,
} from "../model/model-provider.ts";
import type { ReplySteps } from "./reply-steps.ts";
import { runToolCall } from "./tool-call.ts";
import type { Toolbox } from "./toolbox.ts";

export interface ToolLoopOptions extends GenerateOptions {
  toolbox: Toolbox;
  steps: ReplySteps;
  limits: ToolLimits;
  /** A person's name, for "Approved by …". */
  nameOf(actorId: string): string;
}

/** Tells the model which servers' tools are missing, so it can say so. */
function unavailableNote(toolbox: Toolbox): string {
  if (toolbox.unavailable.length === 0) return "";
  const lines = toolbox.unavailable.map((u) => `- ${u.server}: ${u.error}`);
  return `\n\nThese tool servers could not be reached, so their tools are missing:\n${lines.join("\n")}`;
}

function add(total: TokenUsage, usage: TokenUsage): void {
  total.inputTokens += usage.inputTokens;
  total.outputTokens += usage.outputTokens;
}

/** Starts each round's text on a new paragraph after the previous round's. */
function paragraphs(onText: (text: string) => void) {
  let written = false;
  let roundStarted = false;
  return {
    newRound: () => {
      roundStarted = false;
    },
    push: (text: string) => {
      if (text === "") return;
      if (written && !roundStarted) onText("\n\n");
      written = true;
      roundStarted = true;
      onText(text);
    },
  };
}

/**
 * A model (or endpoint) that takes no tools refuses the first request that offers them; the
 * reply then goes on without tools.
 */
function refusedTools(error: ModelError, tools: unknown[], turns: ToolTurn[]): boolean {
  return error.kind === "invalid_request" && tools.length > 0 && turns.length === 0;
}

/** Says in the step list that this reply has no tools, and why. */
function recordNoTools(steps: ReplySteps, reason: string): void {
  const stepId = steps.start("tools", {}, false);
  steps.finish(stepId, {
    status: "error",
    summary: "The model took no tools: answering without them",
    result: reason,
    durationMs: 0,
  });
}

export async function generateWithTools(
  provider: ModelProvider,
  request: ModelRequest,
  options: ToolLoopOptions,
): Promise<ModelResult> {
  const { toolbox, steps, limits, signal } = options;
  const usage: TokenUsage = { inputTokens: 0, outputTokens: 0 };
  for (const { server, error } of toolbox.unavailable) {
    const stepId = steps.start(`${server} (connect)`, {}, false);
    steps.finish(stepId, {
      status: "error",
      summary: `Error: ${error}`,
      result: error,
      durationMs: 0,
    });
  }
  let tools = [...toolbox.tools.values()].map((entry) => entry.definition);
  const system = request.system + unavailableNote(toolbox);
  const turns: ToolTurn[] = [];
  const text = paragraphs(options.onText);
  let made = 0;
  for (;;) {
    const limitReached = made >= limits.maxCallsPerReply;
    let said = "";
    let result: ModelResult;
    text.newRound();
    try {
      result = await provider.generate(
        {
          ...request,
          system,
          tools,
          toolTurns: turns,
          ...(limitReached ? { toolChoice: "none" as const } : {}),
        },
        {
          signal,
          onText: (piece) => {
            said += piece;
            text.push(piece);
          },
        },
      );
    } catch (error) {
      if (!(error instanceof ModelError)) throw error;
      add(usage, error.usage);
      if (refusedTools(error, tools, turns)) {
        recordNoTools(steps, error.message);
        tools = [];
        continue;
      }
      throw new ModelError(error.kind, error.message, { cause: error.cause, usage });
    }
    add(usage, result.usage);
    if (result.toolCalls.length === 0 || limitReached) return { ...result, usage };
    const results: ToolResult[] = [];
    for (const call of result.toolCalls) {
      const context = { toolbox, steps, limits, signal, made, usage, nameOf: options.nameOf };
      results.push(await runToolCall(call, context));
      made += 1;
    }
    turns.push({ text: said, calls: result.toolCalls, results });
  }
}
