// ovb list-users: people and agents, oldest first, deactivated ones included.
import { listUsers, toUserView } from "../../accounts/users.ts";
import { defineCommand } from "../command.ts";
import { WORKSPACE_OPTIONS } from "../options.ts";
import { table } from "../output.ts";
import { USER_HEADERS, userRow } from "../views.ts";
import { asAdmin } from "../workspace.ts";

export const listUsersCommand = defineCommand({
  name: "list-users",
  summary: "List people and agents, oldest first",
  synopsis: "[--json]",
  options: { ...WORKSPACE_OPTIONS },
  run({ values, io }) {
    return asAdmin(values, io.env, ({ ctx, admin }) => {
      const users = listUsers(ctx).map((user) => toUserView(user, admin));
      return { data: users, text: table(USER_HEADERS, users.map(userRow)) };
    });
  },
});
