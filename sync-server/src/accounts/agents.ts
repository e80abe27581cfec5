// Agent identities: users of kind "agent" with the member role, acting
// through API keys (they have no password and no email).
import type { CreateAgentRequest } from "@openvibe/schema";
import { recordAudit } from "../audit/audit-log.ts";
import { commitChange } from "../commit-change.ts";
import type { AppContext } from "../context.ts";
import type { UserRecord } from "./principal.ts";
import { insertPerson, listUsers, prepareUser } from "./users.ts";

export async function createAgent(
  ctx: AppContext,
  actor: UserRecord,
  request: CreateAgentRequest,
): Promise<UserRecord> {
  const prepared = await prepareUser({
    kind: "agent",
    role: "member",
    handle: request.handle,
    displayName: request.displayName,
  });
  return commitChange(ctx, () => {
    const agent = insertPerson(ctx, prepared);
    recordAudit(ctx, {
      actorId: actor.id,
      action: "agent.created",
      targetType: "user",
      targetId: agent.id,
      details: { handle: agent.handle },
    });
    return agent;
  });
}

export function listAgents(ctx: AppContext): UserRecord[] {
  return listUsers(ctx).filter((user) => user.kind === "agent");
}
