// The seeded workspace for the permission matrix, plus what the matrix needs
// around it: a client per principal that never changes the shared one, "twin"
// principals for routes that end the caller's own sessions, throwaway
// targets for routes that change state, and the strings each principal must
// never see.
import type { Role } from "@openvibe/schema";
import { createApiKey } from "../../src/accounts/api-keys.ts";
import { createInvite } from "../../src/accounts/invites.ts";
import type { UserRecord } from "../../src/accounts/principal.ts";
import { createUser, deactivateUser, getUser } from "../../src/accounts/users.ts";
import {
  addMember,
  type ChannelRecord,
  createChannel,
  setArchived,
  updateChannel,
} from "../../src/channels/channels.ts";
import type { RunningServer } from "../../src/server.ts";
import { ApiClient } from "./api-client.ts";
import { PASSWORD, type SeededWorkspace, seedWorkspace } from "./workspace-fixture.ts";

export const PRINCIPALS = [
  "admin",
  "member",
  "guest",
  "outsider",
  "deactivated",
  "agent",
  "revokedKey",
  "anonymous",
] as const;
export type Who = (typeof PRINCIPALS)[number];

export interface PermissionWorld extends SeededWorkspace {
  server: RunningServer;
  /** Private, the admin its only member: no one else may ever see it. */
  vault: ChannelRecord;
  /** The private channel's topic, distinctive enough to search responses for. */
  secretTopic: string;
  vaultTopic: string;
}

let counter = 0;
/** A name no other call returns: "<prefix>-<n>". */
export const fresh = (prefix: string) => `${prefix}-${++counter}`;

export async function buildPermissionWorld(server: RunningServer): Promise<PermissionWorld> {
  const seeded = await seedWorkspace(server);
  const admin = seeded.admin.user;
  const secretTopic = "launch codes in the top drawer";
  updateChannel(server.ctx, admin, seeded.secret.id, { topic: secretTopic });
  const vaultTopic = "the vault's own topic";
  const vault = createChannel(server.ctx, admin, {
    name: "vault-room",
    topic: vaultTopic,
    visibility: "private",
  });
  return { ...seeded, server, vault, secretTopic, vaultTopic };
}

/** The user behind a principal, if it has one. */
export function userOf(w: PermissionWorld, who: Who): UserRecord | null {
  if (who === "anonymous") return null;
  if (who === "revokedKey") return w.agent.user;
  return w[who].user;
}

/** The principal's client, copied so that cookies set by a response stay with the copy. */
export function clientOf(w: PermissionWorld, who: Who): ApiClient {
  if (who === "anonymous") return w.anonymous.clone();
  if (who === "revokedKey") return w.revokedKey.clone();
  return w[who].client.clone();
}

export async function freshUser(
  w: PermissionWorld,
  options: { role?: Role; password?: boolean; deactivated?: boolean; in?: ChannelRecord } = {},
): Promise<UserRecord> {
  const name = fresh("person");
  const user = await createUser(w.server.ctx, {
    kind: "human",
    role: options.role ?? "member",
    email: `${name}@example.com`,
    displayName: name,
    ...(options.password ? { password: PASSWORD } : {}),
  });
  if (options.in) addMember(w.server.ctx, w.admin.user, options.in.id, user.id);
  if (options.deactivated) deactivateUser(w.server.ctx, w.admin.user, user.id);
  return user;
}

/** A principal like `who` but its own account, for routes that end the caller's sessions. */
export async function twinOf(w: PermissionWorld, who: Who): Promise<ApiClient> {
  if (who === "agent") {
    const agent = await createUser(w.server.ctx, {
      kind: "agent",
      role: "member",
      handle: fresh("bot"),
      displayName: "Twin",
    });
    const { key } = createApiKey(w.server.ctx, w.admin.user, agent, "twin");
    return new ApiClient(w.server.url, { apiKey: key });
  }
  if (who !== "admin" && who !== "member" && who !== "guest" && who !== "outsider") {
    return clientOf(w, who);
  }
  const user = await freshUser(w, { role: who === "outsider" ? "member" : who, password: true });
  const client = new ApiClient(w.server.url);
  await client.post("/api/auth/login", { email: user.email, password: PASSWORD });
  return client;
}

/** A channel created by the admin, with these (active) members added. */
export function freshChannel(
  w: PermissionWorld,
  options: { members?: (UserRecord | null)[]; archived?: boolean } = {},
): ChannelRecord {
  const { ctx } = w.server;
  const channel = createChannel(ctx, w.admin.user, {
    name: fresh("room"),
    topic: "",
    visibility: "public",
  });
  for (const member of options.members ?? []) {
    // Records held by the fixture may be stale (the deactivated person was active when made).
    if (member !== null && getUser(ctx, member.id)?.status === "active") {
      addMember(ctx, w.admin.user, channel.id, member.id);
    }
  }
  if (options.archived) setArchived(ctx, w.admin.user, channel.id, true);
  return channel;
}

export function freshInvite(w: PermissionWorld): { id: string; token: string } {
  const { token, invite } = createInvite(w.server.ctx, w.admin.user, {
    role: "member",
    expiresInHours: 1,
    maxUses: 1,
  });
  return { id: invite.id, token };
}

export function freshKey(w: PermissionWorld, owner: UserRecord): string {
  return createApiKey(w.server.ctx, w.admin.user, owner, fresh("key")).id;
}

/** Strings that must never appear in anything `who` receives. */
export function hiddenFrom(w: PermissionWorld, who: Who): string[] {
  if (who === "admin") return [];
  const vault = [w.vault.id, w.vault.name, w.vaultTopic];
  const inSecret = who === "member" || who === "guest" || who === "agent";
  return inSecret ? vault : [...vault, w.secret.id, w.secret.name, w.secretTopic];
}
