import type * as Y from "yjs";
import type { Actor } from "../actors.ts";
import { ChannelError } from "../errors.ts";
import { defaultEnv, type Env } from "../ids.ts";
import { stopRequestsMap } from "../layout.ts";
import { requireMessage } from "../records/lookup.ts";
import { stopRequestKey } from "../records/stop-request.ts";
import { FINAL_TASK_STATUSES } from "../records/task.ts";
import { assertCanWrite } from "./preconditions.ts";
import { commit } from "./transaction.ts";

export interface RequestStopInput {
  readonly messageId: string;
}

/**
 * Asks the agent writing `messageId` to stop. Works offline like any write: the agent sees the
 * request when it syncs, ends the reply as cancelled and keeps what it wrote. Asking twice, or
 * after the reply ended, changes nothing.
 */
export function requestStop(
  doc: Y.Doc,
  actor: Actor,
  input: RequestStopInput,
  env: Env = defaultEnv,
): void {
  assertCanWrite(doc, actor);
  const message = requireMessage(doc, input.messageId);
  if (message.task === undefined) {
    throw new ChannelError("invalid_target", "only an agent's reply can be stopped", {
      entity: "message",
      id: input.messageId,
    });
  }
  if ((FINAL_TASK_STATUSES as readonly string[]).includes(message.task.status)) return;
  const key = stopRequestKey({ messageId: input.messageId, actorId: actor.id });
  const requests = stopRequestsMap(doc);
  if (requests.has(key)) return;
  const requestedAt = env.now();
  commit(doc, actor, "requestStop", () => requests.set(key, requestedAt));
}
