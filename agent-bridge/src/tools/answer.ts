// The model's answer to one reply, with the agent's tools when it has any and
// its provider can use them: the tools are opened for the reply and closed
// when it ends, whatever the ending.
import type { ClaimedTask } from "@openvibe/schema";
import type { Logger } from "../logger.ts";
import type {
  GenerateOptions,
  ModelProvider,
  ModelRequest,
  ModelResult,
} from "../model/model-provider.ts";
import type { ReplySteps } from "./reply-steps.ts";
import { generateWithTools } from "./tool-loop.ts";
import { openToolbox } from "./toolbox.ts";

export async function answer(
  provider: ModelProvider,
  request: ModelRequest,
  task: ClaimedTask,
  options: GenerateOptions & { steps: ReplySteps; logger: Logger },
): Promise<ModelResult> {
  if (!provider.supportsTools || task.tools.servers.length === 0) {
    return provider.generate(request, options);
  }
  const toolbox = await openToolbox(task, options.signal, options.logger);
  try {
    return await generateWithTools(provider, request, {
      ...options,
      toolbox,
      limits: task.tools.limits,
    });
  } finally {
    await toolbox.close();
  }
}
