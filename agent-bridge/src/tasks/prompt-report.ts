// Tells the server what went into a reply's prompt (what the agent saw), within the record's
// bounds. The record is a report, not a step of the reply: when it cannot be delivered (the
// server is away, or slow past PROMPT_REPORT_TIMEOUT_MS) a warning is logged and the reply goes on.
import { boundSeenMessages, type ClaimedTask, type ModelProviderName } from "@openvibe/schema";
import type { Logger } from "../logger.ts";
import type { BridgeApi } from "../server/bridge-api.ts";
import type { BuiltPrompt } from "./prompt.ts";

export const PROMPT_REPORT_TIMEOUT_MS = 5_000;

export async function reportPrompt(
  task: ClaimedTask,
  deps: { api: BridgeApi; logger: Logger },
  provider: ModelProviderName | null,
  { request, seen }: BuiltPrompt,
  signal: AbortSignal,
): Promise<void> {
  const { messages, omittedMessages } = boundSeenMessages(seen.messages, seen.related);
  const content = {
    provider,
    model: request.model,
    messages,
    related: seen.related,
    omittedMessages,
    contextItems: seen.contextItems,
  };
  try {
    await deps.api.promptRecord(
      task,
      content,
      AbortSignal.any([signal, AbortSignal.timeout(PROMPT_REPORT_TIMEOUT_MS)]),
    );
  } catch (error) {
    if (!signal.aborted) {
      deps.logger.warn({ err: error, taskId: task.id }, "could not record what the prompt held");
    }
  }
}
