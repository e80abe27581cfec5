// Every route of the API against every kind of caller, over real HTTP: the
// expected answer (2xx, 401, 403, 404, ...) per principal, and a leak check:
// nothing a caller receives (bodies, error messages) names a private channel
// it is not in. Routes that change state act on throwaway targets, so the
// rows can run in any order against one shared server.
import { beforeAll, describe, expect, it } from "vitest";
import { API_ROUTES } from "../src/http/api-catalog.ts";
import { ACCOUNT_ROWS } from "./support/permission-rows-accounts.ts";
import { AGENT_TOOL_ROWS } from "./support/permission-rows-agent-tools.ts";
import { AGENT_ROWS } from "./support/permission-rows-agents.ts";
import { BRIDGE_ROWS } from "./support/permission-rows-bridge.ts";
import { CHANNEL_ROWS } from "./support/permission-rows-channels.ts";
import { CONTEXT_ITEM_ROWS } from "./support/permission-rows-context-items.ts";
import { FILE_ROWS } from "./support/permission-rows-files.ts";
import { LINK_PREVIEW_ROWS } from "./support/permission-rows-link-previews.ts";
import { PUSH_ROWS } from "./support/permission-rows-push.ts";
import { READ_POSITION_ROWS } from "./support/permission-rows-read-positions.ts";
import { SEARCH_ROWS } from "./support/permission-rows-search.ts";
import { THREAD_ROWS } from "./support/permission-rows-threads.ts";
import { matches } from "./support/permission-table.ts";
import {
  buildPermissionWorld,
  clientOf,
  hiddenFrom,
  type PermissionWorld,
  PRINCIPALS,
  twinOf,
} from "./support/permission-world.ts";
import { useSharedTestServer } from "./support/test-server.ts";

const ROWS = [
  ...ACCOUNT_ROWS,
  ...CHANNEL_ROWS,
  ...CONTEXT_ITEM_ROWS,
  ...THREAD_ROWS,
  ...BRIDGE_ROWS,
  ...AGENT_ROWS,
  ...AGENT_TOOL_ROWS,
  ...SEARCH_ROWS,
  ...READ_POSITION_ROWS,
  ...PUSH_ROWS,
  ...FILE_ROWS,
  ...LINK_PREVIEW_ROWS,
];

describe("permission matrix over HTTP", () => {
  const server = useSharedTestServer();
  let w: PermissionWorld;
  beforeAll(async () => {
    w = await buildPermissionWorld(server());
  });

  it("has a row for every route of the API", () => {
    const routes = API_ROUTES.map((r) => `${r.method} ${r.path}`);
    expect([...new Set(ROWS.map((row) => row.route))].sort()).toEqual(routes.sort());
  });

  it.each(ROWS.map((row) => [`${row.route}${row.note ? ` (${row.note})` : ""}`, row] as const))(
    "%s",
    async (_, row) => {
      const [method = "GET"] = row.route.split(" ");
      const problems: string[] = [];
      for (const who of PRINCIPALS) {
        const client = row.twin ? await twinOf(w, who) : clientOf(w, who);
        const { path, body } = await row.request(w, who);
        const response = await client.request(method, `/api${path}`, body);
        const seen = JSON.stringify(response.body) ?? "";
        if (!matches(response.status, row.expect[who])) {
          problems.push(`${who}: ${response.status} (expected ${row.expect[who]}) ${seen}`);
        }
        for (const hidden of hiddenFrom(w, who)) {
          if (seen.includes(hidden)) problems.push(`${who} was shown "${hidden}": ${seen}`);
        }
      }
      expect(problems).toEqual([]);
    },
  );
});
