// ovb create-bridge-key: a key for an agent bridge (./scripts/start writes
// one itself; this is for a bridge run elsewhere), printed once.
import { createApiKeyRequest } from "@openvibe/schema";
import { createBridgeKey } from "../../agents/bridge-keys.ts";
import { defineCommand } from "../command.ts";
import { WORKSPACE_OPTIONS } from "../options.ts";
import { keyValues } from "../output.ts";
import { validate } from "../validate.ts";
import { asAdmin } from "../workspace.ts";

export const createBridgeKeyCommand = defineCommand({
  name: "create-bridge-key",
  summary: "Create a key for an agent bridge; the key is shown once",
  synopsis: "--name NAME",
  details:
    "A bridge key runs agent tasks only: it opens no API route and acts as no person. Start " +
    "a bridge elsewhere with OPENVIBE_BRIDGE_KEY=<key> OPENVIBE_SERVER_URL=<url>. The key is " +
    'printed once and stored only as a hash; revoke it with "ovb revoke-api-key".',
  options: {
    name: {
      type: "string",
      value: "NAME",
      required: true,
      description: "what the bridge is, e.g. gpu-box",
    },
    ...WORKSPACE_OPTIONS,
  },
  run({ values, io }) {
    const { name } = validate(createApiKeyRequest, { name: values.name }, { name: "--name" });
    return asAdmin(values, io.env, ({ ctx, admin }) => {
      const created = createBridgeKey(ctx, admin, name);
      io.stderr.write("This key is shown only once: store it now. It cannot be shown again.\n");
      return {
        data: created,
        text: keyValues([
          ["id", created.id],
          ["name", created.name],
          ["key", created.key],
        ]),
      };
    });
  },
});
