// ovb create-user: an account for a person, with a role and a password.
import { fields, ROLES } from "@openvibe/schema";
import { z } from "zod";
import { findUserByEmail, insertPerson, prepareUser } from "../../accounts/users.ts";
import { commitChange } from "../../commit-change.ts";
import { auditUserCreated } from "../audit.ts";
import { defineCommand } from "../command.ts";
import { CliError } from "../errors.ts";
import { PASSWORD_OPTIONS, WORKSPACE_OPTIONS } from "../options.ts";
import { readNewPassword } from "../password.ts";
import { validate } from "../validate.ts";
import { userOutput } from "../views.ts";
import { asAdmin } from "../workspace.ts";

const newPerson = z.strictObject({
  email: fields.email,
  displayName: fields.displayName,
  role: z.enum(ROLES, { error: `the role is one of ${ROLES.join(", ")}` }),
});

export const createUserCommand = defineCommand({
  name: "create-user",
  summary: "Create a person's account with a role and a password",
  synopsis: `--email EMAIL --name NAME --role ${ROLES.join("|")} [--password-stdin]`,
  options: {
    email: { type: "string", value: "EMAIL", required: true, description: "their sign-in email" },
    name: { type: "string", value: "NAME", required: true, description: "their display name" },
    role: {
      type: "string",
      value: ROLES.join("|"),
      required: true,
      description: "admins manage the workspace; members chat; guests read where added",
    },
    ...PASSWORD_OPTIONS,
    ...WORKSPACE_OPTIONS,
  },
  async run({ values, io }) {
    const person = validate(
      newPerson,
      { email: values.email, displayName: values.name, role: values.role },
      { email: "--email", displayName: "--name", role: "--role" },
    );
    return asAdmin(values, io.env, async ({ ctx, admin }) => {
      // Checked before asking for a password; insertPerson checks again.
      if (findUserByEmail(ctx, person.email) !== undefined) {
        throw new CliError(`--email: an account with ${person.email} exists; see "ovb list-users"`);
      }
      const password = await readNewPassword(io, {
        stdin: values["password-stdin"],
        whose: person.email,
      });
      const prepared = await prepareUser({ kind: "human", ...person, password });
      const user = commitChange(ctx, () => {
        const created = insertPerson(ctx, prepared);
        auditUserCreated(ctx, admin, created);
        return created;
      });
      return userOutput(user, admin, `They can sign in with ${person.email} and this password.`);
    });
  },
});
