// ovb deactivate-user: a person or an agent loses all access at once (sessions, API keys and
// live connections); their messages stay.
import { deactivateUser } from "../../accounts/users.ts";
import { defineCommand } from "../command.ts";
import { WORKSPACE_OPTIONS } from "../options.ts";
import { OWNER_OPTIONS, requireOwner } from "../owner.ts";
import { userOutput } from "../views.ts";
import { asAdmin, LIVE_CONNECTIONS_NOTE } from "../workspace.ts";

export const deactivateUserCommand = defineCommand({
  name: "deactivate-user",
  summary: "Take all access away from a person or an agent (their messages stay)",
  synopsis: "(--user EMAIL | --agent @HANDLE)",
  details: `Their sessions end and their API keys stop working. ${LIVE_CONNECTIONS_NOTE}`,
  options: { ...OWNER_OPTIONS, ...WORKSPACE_OPTIONS },
  oneOf: [["user", "agent"]],
  run({ values, io }) {
    return asAdmin(values, io.env, ({ ctx, admin }) => {
      const user = deactivateUser(ctx, admin, requireOwner(ctx, values).id);
      return userOutput(user, admin, "Deactivated: they can no longer sign in or connect.");
    });
  },
});
