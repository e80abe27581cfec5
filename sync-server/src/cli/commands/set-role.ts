// ovb set-role: a person's role (admin, member, guest) changes; open connections reopen with
// the new rights.
import { ROLES } from "@openvibe/schema";
import { z } from "zod";
import { setRole } from "../../accounts/users.ts";
import { defineCommand } from "../command.ts";
import { WORKSPACE_OPTIONS } from "../options.ts";
import { OWNER_OPTIONS, requireOwner } from "../owner.ts";
import { validate } from "../validate.ts";
import { userOutput } from "../views.ts";
import { asAdmin, LIVE_CONNECTIONS_NOTE } from "../workspace.ts";

const newRole = z.strictObject({
  role: z.enum(ROLES, { error: `the role is one of ${ROLES.join(", ")}` }),
});

export const setRoleCommand = defineCommand({
  name: "set-role",
  summary: "Change a person's or an agent's role",
  synopsis: `(--user EMAIL | --agent @HANDLE) --role ${ROLES.join("|")}`,
  details: `The workspace keeps at least one active admin; agents cannot be admins. ${LIVE_CONNECTIONS_NOTE}`,
  options: {
    ...OWNER_OPTIONS,
    role: {
      type: "string",
      value: ROLES.join("|"),
      required: true,
      description: "admins manage the workspace; members chat; guests read where added",
    },
    ...WORKSPACE_OPTIONS,
  },
  oneOf: [["user", "agent"]],
  run({ values, io }) {
    const { role } = validate(newRole, { role: values.role }, { role: "--role" });
    return asAdmin(values, io.env, ({ ctx, admin }) => {
      const user = setRole(ctx, admin, requireOwner(ctx, values).id, role);
      return userOutput(
        user,
        admin,
        `@${user.handle} is now ${role === "admin" ? "an" : "a"} ${role}.`,
      );
    });
  },
});
