// Tool use in the Anthropic Messages API's terms: the tools a request offers,
// each round of tool use as an assistant turn (its text and tool_use blocks)
// followed by a user turn of tool_result blocks, and the tool_use blocks of a
// stream put together from their streamed JSON.
import type Anthropic from "@anthropic-ai/sdk";
import type { ModelMessage, ModelRequest, ToolCall } from "./model-provider.ts";
import { parseToolInput } from "./tool-input.ts";

/** The request's messages, then its tool rounds. */
export function anthropicMessages(request: ModelRequest): Anthropic.MessageParam[] {
  const turns = (request.toolTurns ?? []).flatMap((turn): Anthropic.MessageParam[] => [
    {
      role: "assistant",
      content: [
        ...(turn.text === "" ? [] : [{ type: "text" as const, text: turn.text }]),
        ...turn.calls.map((call) => ({
          type: "tool_use" as const,
          id: call.id,
          name: call.name,
          input: call.input,
        })),
      ],
    },
    {
      role: "user",
      content: turn.results.map((result) => ({
        type: "tool_result" as const,
        tool_use_id: result.callId,
        content: result.content,
        is_error: result.isError,
      })),
    },
  ]);
  return [...request.messages.map(anthropicMessage), ...turns];
}

/** A message as text, or as its images then its text. */
function anthropicMessage(message: ModelMessage): Anthropic.MessageParam {
  if (message.images === undefined || message.images.length === 0) {
    return { role: message.role, content: message.content };
  }
  return {
    role: message.role,
    content: [
      ...message.images.map((image) => ({
        type: "image" as const,
        source: { type: "base64" as const, media_type: image.mediaType, data: image.data },
      })),
      { type: "text" as const, text: message.content },
    ],
  };
}

export function anthropicTools(request: ModelRequest): {
  tools?: Anthropic.Tool[];
  tool_choice?: Anthropic.ToolChoiceNone;
} {
  if (request.tools === undefined || request.tools.length === 0) return {};
  return {
    tools: request.tools.map((tool) => ({
      name: tool.name,
      description: tool.description,
      input_schema: tool.inputSchema,
    })),
    ...(request.toolChoice === "none" ? { tool_choice: { type: "none" } } : {}),
  };
}

/** Collects tool_use blocks from a stream's events, by content block index. */
export class ToolUseCollector {
  private readonly open = new Map<number, { id: string; name: string; json: string }>();
  readonly calls: ToolCall[] = [];

  start(index: number, block: { type: string; id?: string; name?: string }): void {
    if (block.type !== "tool_use" || block.id === undefined || block.name === undefined) return;
    this.open.set(index, { id: block.id, name: block.name, json: "" });
  }

  delta(index: number, partialJson: string): void {
    const call = this.open.get(index);
    if (call !== undefined) call.json += partialJson;
  }

  stop(index: number): void {
    const call = this.open.get(index);
    if (call === undefined) return;
    this.open.delete(index);
    this.calls.push({ id: call.id, name: call.name, input: parseToolInput(call.json) });
  }
}
