// A workspace with one person of every kind the permission rules tell apart,
// built through the real services and signed in over real HTTP.
import type { Role } from "@openvibe/schema";
import { createApiKey, revokeApiKey } from "../../src/accounts/api-keys.ts";
import type { UserRecord } from "../../src/accounts/principal.ts";
import { createUser, deactivateUser } from "../../src/accounts/users.ts";
import { addMember, type ChannelRecord, createChannel } from "../../src/channels/channels.ts";
import type { RunningServer } from "../../src/server.ts";
import { setUpWorkspace } from "../../src/workspace/workspace.ts";
import { ApiClient } from "./api-client.ts";

export const PASSWORD = "correct horse battery staple";

export interface Person {
  user: UserRecord;
  /** Signed in with a browser session (none for deactivated people and agents). */
  client: ApiClient;
}

export interface SeededWorkspace {
  admin: Person;
  /** A member of both channels. */
  member: Person;
  /** A guest added to the private channel only. */
  guest: Person;
  /** A member of the workspace in neither channel. */
  outsider: Person;
  /** Was a member of both channels, then deactivated (the client holds the old session). */
  deactivated: Person;
  /** An agent in both channels, with a live API key. */
  agent: Person & { apiKey: string };
  /** A client holding a revoked API key of the agent. */
  revokedKey: ApiClient;
  /** No credentials at all. */
  anonymous: ApiClient;
  general: ChannelRecord;
  /** Private: admin, member, guest, agent (and the deactivated person). */
  secret: ChannelRecord;
}

async function person(server: RunningServer, role: Role, name: string): Promise<Person> {
  const user = await createUser(server.ctx, {
    kind: "human",
    role,
    email: `${name}@example.com`,
    displayName: name,
    password: PASSWORD,
  });
  const client = new ApiClient(server.url);
  const login = await client.post("/api/auth/login", { email: user.email, password: PASSWORD });
  if (login.status !== 200)
    throw new Error(`login of ${name} failed: ${JSON.stringify(login.body)}`);
  return { user, client };
}

export async function seedWorkspace(server: RunningServer): Promise<SeededWorkspace> {
  const ctx = server.ctx;
  const adminUser = await setUpWorkspace(ctx, {
    workspaceName: "Acme",
    email: "admin@example.com",
    displayName: "admin",
    password: PASSWORD,
  });
  const adminClient = new ApiClient(server.url);
  await adminClient.post("/api/auth/login", { email: "admin@example.com", password: PASSWORD });
  const admin = { user: adminUser, client: adminClient };
  const [member, guest, outsider, deactivated] = await Promise.all([
    person(server, "member", "member"),
    person(server, "guest", "guest"),
    person(server, "member", "outsider"),
    person(server, "member", "deactivated"),
  ]);
  const agentUser = await createUser(ctx, {
    kind: "agent",
    role: "member",
    handle: "claude",
    displayName: "Claude",
  });
  const { key } = createApiKey(ctx, adminUser, agentUser, "bridge");
  const revoked = createApiKey(ctx, adminUser, agentUser, "old bridge");
  revokeApiKey(ctx, adminUser, revoked.id);

  const general = createChannel(ctx, adminUser, {
    name: "town-square",
    topic: "",
    visibility: "public",
  });
  const secret = createChannel(ctx, adminUser, {
    name: "secret-plans",
    topic: "launch",
    visibility: "private",
  });
  for (const user of [member.user, deactivated.user, agentUser]) {
    addMember(ctx, adminUser, general.id, user.id);
    addMember(ctx, adminUser, secret.id, user.id);
  }
  addMember(ctx, adminUser, secret.id, guest.user.id);
  deactivateUser(ctx, adminUser, deactivated.user.id);

  return {
    admin,
    member,
    guest,
    outsider,
    deactivated,
    agent: { user: agentUser, client: new ApiClient(server.url, { apiKey: key }), apiKey: key },
    revokedKey: new ApiClient(server.url, { apiKey: revoked.key }),
    anonymous: new ApiClient(server.url),
    general,
    secret,
  };
}
