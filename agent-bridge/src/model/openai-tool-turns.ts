// Tool use in OpenAI Chat Completions' terms: the tools a request offers (as
// functions), each round of tool use as an assistant message with tool_calls
// followed by one `tool` message per result, and the tool calls of a stream
// put together from their streamed pieces (by index).
import type OpenAI from "openai";
import type { ModelMessage, ModelRequest, ToolCall } from "./model-provider.ts";
import { parseToolInput } from "./tool-input.ts";

type Message = OpenAI.Chat.Completions.ChatCompletionMessageParam;

/** The system prompt, the request's messages, then its tool rounds. */
export function openAiMessages(request: ModelRequest): Message[] {
  const turns = (request.toolTurns ?? []).flatMap((turn): Message[] => [
    {
      role: "assistant",
      content: turn.text === "" ? null : turn.text,
      tool_calls: turn.calls.map((call) => ({
        id: call.id,
        type: "function" as const,
        function: { name: call.name, arguments: JSON.stringify(call.input ?? {}) },
      })),
    },
    ...turn.results.map(
      (result): Message => ({ role: "tool", tool_call_id: result.callId, content: result.content }),
    ),
  ]);
  return [
    { role: "system", content: request.system },
    ...request.messages.map(openAiMessage),
    ...turns,
  ];
}

/** A message as text, or (a user's) as its text and its images as data URLs. */
function openAiMessage(message: ModelMessage): Message {
  if (message.role === "assistant" || message.images === undefined || message.images.length === 0) {
    return { role: message.role, content: message.content };
  }
  return {
    role: "user",
    content: [
      { type: "text", text: message.content },
      ...message.images.map((image) => ({
        type: "image_url" as const,
        image_url: { url: `data:${image.mediaType};base64,${image.data}` },
      })),
    ],
  };
}

export function openAiTools(request: ModelRequest): {
  tools?: OpenAI.Chat.Completions.ChatCompletionTool[];
  tool_choice?: "none";
} {
  if (request.tools === undefined || request.tools.length === 0) return {};
  return {
    tools: request.tools.map((tool) => ({
      type: "function" as const,
      function: { name: tool.name, description: tool.description, parameters: tool.inputSchema },
    })),
    ...(request.toolChoice === "none" ? { tool_choice: "none" as const } : {}),
  };
}

interface ToolCallDelta {
  index: number;
  id?: string;
  function?: { name?: string; arguments?: string };
}

/** Collects streamed tool calls: pieces of each call arrive under its index. */
export class ToolCallCollector {
  private readonly pending = new Map<number, { id: string; name: string; json: string }>();

  add(deltas: readonly ToolCallDelta[] | undefined): void {
    for (const delta of deltas ?? []) {
      const call = this.pending.get(delta.index) ?? { id: "", name: "", json: "" };
      if (delta.id) call.id = delta.id;
      if (delta.function?.name) call.name += delta.function.name;
      if (delta.function?.arguments) call.json += delta.function.arguments;
      this.pending.set(delta.index, call);
    }
  }

  get calls(): ToolCall[] {
    return [...this.pending.entries()]
      .sort(([a], [b]) => a - b)
      .map(([index, call]) => ({
        id: call.id || `call_${index}`,
        name: call.name,
        input: parseToolInput(call.json),
      }));
  }
}
