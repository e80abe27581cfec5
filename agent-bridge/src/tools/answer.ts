// The model's answer to one reply, with the agent's tools when its provider
// can use them: the tools are opened for the reply and closed when it ends,
// whatever the ending.
import type { ClaimedTask } from "@openvibe/schema";
import type { Logger } from "../logger.ts";
import type {
  GenerateOptions,
  ModelProvider,
  ModelRequest,
  ModelResult,
} from "../model/model-provider.ts";
import type { BridgeApi } from "../server/bridge-api.ts";
import type { ReplySteps } from "./reply-steps.ts";
import { generateWithTools } from "./tool-loop.ts";
import { openToolbox } from "./toolbox.ts";

export async function answer(
  provider: ModelProvider,
  request: ModelRequest,
  task: ClaimedTask,
  options: GenerateOptions & { steps: ReplySteps; logger: Logger; api: BridgeApi },
): Promise<ModelResult> {
  if (!provider.supportsTools) return provider.generate(request, options);
  const toolbox = await openToolbox(task, options, options.signal);
  try {
    const names = new Map(task.participants.map((p) => [p.id, p.displayName]));
    return await generateWithTools(provider, request, {
      ...options,
      toolbox,
      limits: task.tools.limits,
      nameOf: (actorId) => names.get(actorId) ?? actorId,
    });
  } finally {
    await toolbox.close();
  }
}
