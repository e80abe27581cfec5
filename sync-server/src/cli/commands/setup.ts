// ovb setup: the first run, creating the workspace and its first admin.
import { setupRequest } from "@openvibe/schema";
import { toUserView } from "../../accounts/users.ts";
import { isSetUp, setUpWorkspace } from "../../workspace/workspace.ts";
import { defineCommand } from "../command.ts";
import { CliError } from "../errors.ts";
import { DATA_DIR_OPTION, PASSWORD_OPTIONS } from "../options.ts";
import { keyValues } from "../output.ts";
import { readNewPassword, requirePasswordSource } from "../password.ts";
import { validate } from "../validate.ts";
import { resolveDataDir, withDatabase } from "../workspace.ts";

const FLAGS = { workspaceName: "--workspace", email: "--email", displayName: "--name" };

export const setupCommand = defineCommand({
  name: "setup",
  summary: "First run: create the workspace and its first admin (refused once done)",
  synopsis: "--workspace NAME --email EMAIL --name NAME [--password-stdin]",
  details: "Also creates #general. The admin's password is read from stdin or prompted for.",
  options: {
    workspace: {
      type: "string",
      value: "NAME",
      required: true,
      description: "the workspace's name",
    },
    email: {
      type: "string",
      value: "EMAIL",
      required: true,
      description: "the admin's sign-in email",
    },
    name: {
      type: "string",
      value: "NAME",
      required: true,
      description: "the admin's display name",
    },
    ...PASSWORD_OPTIONS,
    ...DATA_DIR_OPTION,
  },
  async run({ values, io }) {
    const request = validate(
      setupRequest.omit({ password: true }),
      { workspaceName: values.workspace, email: values.email, displayName: values.name },
      FLAGS,
    );
    requirePasswordSource(io, { stdin: values["password-stdin"] });
    const dataDir = resolveDataDir(values["data-dir"], io.env);
    return withDatabase(dataDir, "new", async (ctx) => {
      if (isSetUp(ctx)) {
        throw new CliError(
          `the workspace in ${dataDir} is already set up; add people with "ovb create-user"`,
        );
      }
      const password = await readNewPassword(io, {
        stdin: values["password-stdin"],
        whose: request.email,
      });
      const admin = await setUpWorkspace(ctx, { ...request, password });
      return {
        data: { workspaceName: request.workspaceName, dataDir, admin: toUserView(admin, admin) },
        text: `${keyValues([
          ["workspace", request.workspaceName],
          ["data", dataDir],
          ["admin", `${admin.displayName} <${admin.email ?? ""}> @${admin.handle}`],
        ])}\n\nStart the server with ./scripts/start and sign in with this email and password.`,
      };
    });
  },
});
