// The real server in its own process (a service worker controlling a page
// stalls a server that shares the test's event loop), serving the built
// client, with a workspace seeded over HTTP as people would: the admin sets it
// up, invites a member, creates #town-square and an agent, @claude, and adds
// both to the channel. The server writes a bridge key file for agent tests.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ChannelView, CreatedInvite, UserView } from "@openvibe/schema";
import { inject } from "vitest";
import { ApiClient, type ApiResponse } from "../../../sync-server/test/support/api-client.ts";
import { spawnServer } from "../../../sync-server/test/support/child-server.ts";
import { temporaryDataDir } from "../../../sync-server/test/support/test-server.ts";

export const PASSWORD = "correct horse battery staple";
export const CHANNEL = "town-square";

export interface ChildWorkspace {
  url: string;
  /** The server's data directory (its database, for a test that holds its lock). */
  dataDir: string;
  websocketUrl: string;
  /** Signed in as admin@example.com. */
  admin: ApiClient;
  channelId: string;
  memberId: string;
  agentId: string;
  /** The bridge key the server wrote into its data directory. */
  bridgeKey(): string;
  /**
   * Stops the server (SIGTERM) and starts it again on the same port and data directory, with
   * `env` over the first start's variables (a configuration changed by the operator).
   */
  restart(env?: Record<string, string>): Promise<void>;
}

export function expectStatus<T>(response: ApiResponse<T>, status: number, what: string): T {
  if (response.status !== status) {
    throw new Error(`${what} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

export async function inviteMember(admin: ApiClient, email: string, name: string): Promise<string> {
  const invite = await admin.post<CreatedInvite>("/api/invites", { role: "member" });
  const { token } = expectStatus(invite, 201, "creating an invite");
  const joiner = new ApiClient(admin.baseUrl);
  const accepted = await joiner.post<{ user: UserView }>("/api/invites/accept", {
    token,
    email,
    displayName: name,
    password: PASSWORD,
  });
  return expectStatus(accepted, 201, `accepting the invite of ${email}`).user.id;
}

export async function startChildWorkspace(
  env: Record<string, string> = {},
): Promise<ChildWorkspace> {
  const dataDir = temporaryDataDir();
  const bridgeKeyFile = join(dataDir, "agent-bridge.key");
  const serverEnv = {
    OPENVIBE_DATA_DIR: dataDir,
    OPENVIBE_CLIENT_DIR: inject("clientDir"),
    OPENVIBE_SQLITE_SYNCHRONOUS: "normal",
    OPENVIBE_BRIDGE_KEY_FILE: bridgeKeyFile,
    OPENVIBE_LOG_LEVEL: "info",
    ...env,
  };
  let server = await spawnServer(serverEnv);
  const url = server.websocketUrl.replace(/^ws/, "http");
  const admin = new ApiClient(url);
  const setup = await admin.post("/api/setup", {
    workspaceName: "Acme",
    email: "admin@example.com",
    displayName: "admin",
    password: PASSWORD,
  });
  expectStatus(setup, 201, "setup");
  const memberId = await inviteMember(admin, "member@example.com", "member");
  const channel = await admin.post<ChannelView>("/api/channels", {
    name: CHANNEL,
    topic: "",
    visibility: "public",
  });
  const channelId = expectStatus(channel, 201, `creating #${CHANNEL}`).id;
  const agent = await admin.post<UserView>("/api/agents", {
    handle: "claude",
    displayName: "Claude",
  });
  const agentId = expectStatus(agent, 201, "creating @claude").id;
  for (const userId of [memberId, agentId]) {
    const added = await admin.put(`/api/channels/${channelId}/members/${userId}`);
    expectStatus(added, 204, "adding a channel member");
  }
  await server.logged("bridge key written");
  return {
    url,
    dataDir,
    websocketUrl: server.websocketUrl,
    admin,
    channelId,
    memberId,
    agentId,
    bridgeKey: () => readFileSync(bridgeKeyFile, "utf8").trim(),
    async restart(changed = {}) {
      await server.terminate();
      server = await spawnServer({ ...serverEnv, ...changed, PORT: new URL(url).port });
    },
  };
}
