// ovb create-api-key: a key for an agent or a person, printed once.
import { createApiKeyRequest } from "@openvibe/schema";
import { createApiKey } from "../../accounts/api-keys.ts";
import { canManageApiKeysOf } from "../../permissions/permissions.ts";
import { defineCommand } from "../command.ts";
import { CliError } from "../errors.ts";
import { WORKSPACE_OPTIONS } from "../options.ts";
import { keyValues } from "../output.ts";
import { OWNER_OPTIONS, requireOwner } from "../owner.ts";
import { validate } from "../validate.ts";
import { asAdmin } from "../workspace.ts";

export const createApiKeyCommand = defineCommand({
  name: "create-api-key",
  summary: "Create an API key for an agent or a person; the key is shown once",
  synopsis: "--name NAME (--agent @HANDLE | --user EMAIL)",
  details:
    "The key is printed once and stored only as a hash: keep it somewhere safe. Clients send " +
    'it as "Authorization: Bearer <key>".',
  options: {
    name: {
      type: "string",
      value: "NAME",
      required: true,
      description: "what the key is for, e.g. bridge",
    },
    ...OWNER_OPTIONS,
    ...WORKSPACE_OPTIONS,
  },
  oneOf: [["agent", "user"]],
  run({ values, io }) {
    const { name } = validate(createApiKeyRequest, { name: values.name }, { name: "--name" });
    return asAdmin(values, io.env, ({ ctx, admin }) => {
      const owner = requireOwner(ctx, values);
      if (!canManageApiKeysOf(admin, owner)) {
        throw new CliError(`you may not create keys for @${owner.handle}`);
      }
      const created = createApiKey(ctx, admin, owner, name);
      io.stderr.write("This key is shown only once: store it now. It cannot be shown again.\n");
      return {
        data: created,
        text: keyValues([
          ["id", created.id],
          ["name", created.name],
          ["owner", `@${owner.handle}`],
          ["key", created.key],
        ]),
      };
    });
  },
});
