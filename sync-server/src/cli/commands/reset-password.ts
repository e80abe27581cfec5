// ovb reset-password: a new password for a person, signing them out everywhere.
import { hashPassword } from "../../accounts/passwords.ts";
import { endAllSessions } from "../../accounts/sessions.ts";
import { storePasswordHash, toUserView } from "../../accounts/users.ts";
import { commitChange } from "../../commit-change.ts";
import { auditPasswordReset } from "../audit.ts";
import { defineCommand } from "../command.ts";
import { CliError } from "../errors.ts";
import { requirePersonByEmail, requirePersonById } from "../lookup.ts";
import { PASSWORD_OPTIONS, WORKSPACE_OPTIONS } from "../options.ts";
import { readNewPassword } from "../password.ts";
import { asAdmin, LIVE_CONNECTIONS_NOTE } from "../workspace.ts";

export const resetPasswordCommand = defineCommand({
  name: "reset-password",
  summary: "Set a new password for a person and end all their sessions",
  synopsis: "(--email EMAIL | --user ID) [--password-stdin]",
  details: `Their sessions are deleted, so their next request is refused. ${LIVE_CONNECTIONS_NOTE}`,
  options: {
    email: { type: "string", value: "EMAIL", description: "the person's sign-in email" },
    user: { type: "string", value: "ID", description: "the person's user id (see list-users)" },
    ...PASSWORD_OPTIONS,
    ...WORKSPACE_OPTIONS,
  },
  oneOf: [["email", "user"]],
  run({ values, io }) {
    return asAdmin(values, io.env, async ({ ctx, admin }) => {
      const user =
        values.email === undefined
          ? requirePersonById(ctx, values.user ?? "", "--user")
          : requirePersonByEmail(ctx, values.email, "--email");
      if (user.kind === "agent") {
        throw new CliError(
          `@${user.handle} is an agent; agents sign in with API keys (see "ovb create-api-key")`,
        );
      }
      const password = await readNewPassword(io, {
        stdin: values["password-stdin"],
        whose: user.email ?? `@${user.handle}`,
      });
      const passwordHash = await hashPassword(password);
      commitChange(ctx, () => {
        storePasswordHash(ctx, user.id, passwordHash);
        endAllSessions(ctx, user.id);
        auditPasswordReset(ctx, admin, user);
      });
      return {
        data: { user: toUserView(user, admin), sessionsEnded: true },
        text: `The password of ${user.displayName} (@${user.handle}) is reset; their sessions are ended.`,
      };
    });
  },
});
