// API keys for agents and scripts: "ovk_<random>", shown once, stored as
// SHA-256, revocable, with a name and the time of last use.
import type { ApiKeyView, CreatedApiKey } from "@openvibe/schema";
import { and, desc, eq, isNull } from "drizzle-orm";
import { recordAudit } from "../audit/audit-log.ts";
import { commitChange } from "../commit-change.ts";
import type { AppContext } from "../context.ts";
import { apiKeys } from "../db/schema.ts";
import { notFound } from "../errors.ts";
import { newId } from "../ids.ts";
import { isActive } from "../permissions/permissions.ts";
import type { Principal, UserRecord } from "./principal.ts";
import { randomToken, sha256 } from "./tokens.ts";
import { getUser } from "./users.ts";

export const API_KEY_PREFIX = "ovk_";
/** Last-use times are written at most this often per key. */
const TOUCH_INTERVAL_MS = 60 * 1000;

type ApiKeyRecord = typeof apiKeys.$inferSelect;
/** "user" keys act as their owner; "bridge" keys only run agent tasks (see agents/bridge-keys.ts). */
export type ApiKeyScope = ApiKeyRecord["scope"];

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toApiKeyView(key: ApiKeyRecord): ApiKeyView {
  return {
    id: key.id,
    name: key.name,
    userId: key.userId,
    prefix: key.prefix,
    scope: key.scope,
    createdAt: new Date(key.createdAt).toISOString(),
    lastUsedAt: iso(key.lastUsedAt),
    revokedAt: iso(key.revokedAt),
  };
}

export function isApiKey(credential: string): boolean {
  return credential.startsWith(API_KEY_PREFIX);
}

export function createApiKey(
  ctx: AppContext,
  actor: UserRecord,
  owner: UserRecord,
  name: string,
  scope: ApiKeyScope = "user",
): CreatedApiKey {
  const key = randomToken(API_KEY_PREFIX);
  const record: ApiKeyRecord = {
    id: newId(),
    userId: owner.id,
    name,
    prefix: key.slice(0, API_KEY_PREFIX.length + 6),
    keyHash: sha256(key),
    scope,
    createdBy: actor.id,
    createdAt: ctx.now(),
    lastUsedAt: null,
    revokedAt: null,
  };
  commitChange(ctx, () => {
    ctx.db.insert(apiKeys).values(record).run();
    recordAudit(ctx, {
      actorId: actor.id,
      action: "api_key.created",
      targetType: "api_key",
      targetId: record.id,
      details: { name, owner: owner.id, scope },
    });
  });
  return { ...toApiKeyView(record), key };
}

export function listApiKeys(ctx: AppContext, ownerId?: string): ApiKeyView[] {
  return ctx.db
    .select()
    .from(apiKeys)
    .where(ownerId === undefined ? undefined : eq(apiKeys.userId, ownerId))
    .orderBy(desc(apiKeys.createdAt))
    .all()
    .map(toApiKeyView);
}

export function getApiKey(ctx: AppContext, keyId: string): ApiKeyRecord | undefined {
  return ctx.db.select().from(apiKeys).where(eq(apiKeys.id, keyId)).get();
}

export function revokeApiKey(ctx: AppContext, actor: UserRecord, keyId: string): ApiKeyView {
  return commitChange(ctx, () => {
    const key = getApiKey(ctx, keyId);
    if (key === undefined) throw notFound("API key");
    if (key.revokedAt !== null) return toApiKeyView(key);
    const revokedAt = ctx.now();
    ctx.db
      .update(apiKeys)
      .set({ revokedAt })
      .where(and(eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)))
      .run();
    recordAudit(ctx, {
      actorId: actor.id,
      action: "api_key.revoked",
      targetType: "api_key",
      targetId: keyId,
    });
    ctx.accessChanges.emit({ kind: "api-key-revoked", userId: key.userId, apiKeyId: keyId });
    return toApiKeyView({ ...key, revokedAt });
  });
}

/** The live, unrevoked key record for `key`, whatever its scope. */
export function findLiveApiKey(ctx: AppContext, key: string): ApiKeyRecord | null {
  if (!isApiKey(key)) return null;
  const record = ctx.db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, sha256(key)))
    .get();
  if (record === undefined || record.revokedAt !== null) return null;
  touch(ctx, record);
  return record;
}

function touch(ctx: AppContext, record: ApiKeyRecord): void {
  const now = ctx.now();
  if (record.lastUsedAt === null || now - record.lastUsedAt >= TOUCH_INTERVAL_MS) {
    ctx.db.update(apiKeys).set({ lastUsedAt: now }).where(eq(apiKeys.id, record.id)).run();
  }
}

/** The principal of a live user-scoped key whose owner is active, or null. */
export function resolveApiKey(ctx: AppContext, key: string): Principal | null {
  const record = findLiveApiKey(ctx, key);
  if (record === null || record.scope !== "user") return null;
  const user = getUser(ctx, record.userId);
  if (user === undefined || !isActive(user)) return null;
  return { user, via: { kind: "api-key", apiKeyId: record.id } };
}
