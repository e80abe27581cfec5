// ovb revoke-api-key: stops a key from working.
import { getApiKey, revokeApiKey } from "../../accounts/api-keys.ts";
import { defineCommand } from "../command.ts";
import { CliError } from "../errors.ts";
import { WORKSPACE_OPTIONS } from "../options.ts";
import { asAdmin, LIVE_CONNECTIONS_NOTE } from "../workspace.ts";

export const revokeApiKeyCommand = defineCommand({
  name: "revoke-api-key",
  summary: "Revoke an API key by its id",
  synopsis: "ID",
  details: `Requests with the key are refused from now on. ${LIVE_CONNECTIONS_NOTE}`,
  args: [{ name: "ID", description: 'the key\'s id (see "ovb list-api-keys")' }],
  options: { ...WORKSPACE_OPTIONS },
  run({ values, args, io }) {
    const id = args[0] ?? "";
    return asAdmin(values, io.env, ({ ctx, admin }) => {
      const before = getApiKey(ctx, id);
      if (before === undefined) {
        throw new CliError(`no API key has the id ${id}; see "ovb list-api-keys"`);
      }
      const revoked = revokeApiKey(ctx, admin, id);
      const state = before.revokedAt === null ? "is revoked" : "was already revoked";
      return { data: revoked, text: `The API key ${revoked.id} (${revoked.name}) ${state}.` };
    });
  },
});
