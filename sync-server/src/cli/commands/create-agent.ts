// ovb create-agent: an agent identity (signs in with API keys, not a password).
import { createAgentRequest } from "@openvibe/schema";
import { createAgent } from "../../accounts/agents.ts";
import { defineCommand } from "../command.ts";
import { WORKSPACE_OPTIONS } from "../options.ts";
import { validate } from "../validate.ts";
import { userOutput } from "../views.ts";
import { asAdmin } from "../workspace.ts";

export const createAgentCommand = defineCommand({
  name: "create-agent",
  summary: "Create an agent identity (it signs in with an API key)",
  synopsis: "--handle HANDLE --name NAME",
  options: {
    handle: {
      type: "string",
      value: "HANDLE",
      required: true,
      description: "how people mention it, e.g. claude for @claude",
    },
    name: { type: "string", value: "NAME", required: true, description: "its display name" },
    ...WORKSPACE_OPTIONS,
  },
  run({ values, io }) {
    const agent = validate(
      createAgentRequest,
      { handle: values.handle.replace(/^@/, ""), displayName: values.name },
      { handle: "--handle", displayName: "--name" },
    );
    return asAdmin(values, io.env, async ({ ctx, admin }) => {
      const user = await createAgent(ctx, admin, agent);
      return userOutput(
        user,
        admin,
        `Next: ovb create-api-key --name NAME --agent @${user.handle}, and add it to channels with ovb add-member.`,
      );
    });
  },
});
