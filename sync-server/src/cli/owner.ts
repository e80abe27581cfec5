// The account named by "--agent @handle" or "--user EMAIL".
import type { UserRecord } from "../accounts/principal.ts";
import type { AppContext } from "../context.ts";
import { requireActive, requireAgent, requirePersonByEmail } from "./lookup.ts";

export const OWNER_OPTIONS = {
  agent: { type: "string", value: "@HANDLE", description: "an agent, by handle" },
  user: { type: "string", value: "EMAIL", description: "a person, by email" },
} as const;

/** The active agent or person named by exactly one of --agent and --user. */
export function requireOwner(
  ctx: AppContext,
  values: { agent: string | undefined; user: string | undefined },
): UserRecord {
  const user =
    values.agent === undefined
      ? requirePersonByEmail(ctx, values.user ?? "", "--user")
      : requireAgent(ctx, values.agent, "--agent");
  return requireActive(user, values.agent === undefined ? "--user" : "--agent");
}
