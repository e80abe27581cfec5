// ovb list-api-keys: every key, newest first, revoked ones included.
import { listApiKeys } from "../../accounts/api-keys.ts";
import { listUsers } from "../../accounts/users.ts";
import { defineCommand } from "../command.ts";
import { WORKSPACE_OPTIONS } from "../options.ts";
import { table } from "../output.ts";
import { API_KEY_HEADERS, apiKeyRow } from "../views.ts";
import { asAdmin } from "../workspace.ts";

export const listApiKeysCommand = defineCommand({
  name: "list-api-keys",
  summary: "List all API keys (never the keys themselves), newest first",
  synopsis: "[--json]",
  options: { ...WORKSPACE_OPTIONS },
  run({ values, io }) {
    return asAdmin(values, io.env, ({ ctx }) => {
      const keys = listApiKeys(ctx);
      const handles = new Map(listUsers(ctx).map((user) => [user.id, user.handle]));
      const rows = keys.map((key) => apiKeyRow(key, handles.get(key.userId) ?? key.userId));
      return { data: keys, text: table(API_KEY_HEADERS, rows) };
    });
  },
});
