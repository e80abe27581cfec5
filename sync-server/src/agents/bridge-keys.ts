// Bridge keys: API keys with the "bridge" scope. They open no ordinary route
// and act as no user; they claim agent tasks, and open the document a task
// names (its thread's, in a split channel) only while they hold that task,
// writing as its agent.
// `./scripts/start` needs no manual step: the server writes a bridge key to
// a file in the data directory once the workspace exists, and the bridge
// started beside it reads that file.
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { CreatedApiKey } from "@openvibe/schema";
import { and, asc, eq } from "drizzle-orm";
import { createApiKey, findLiveApiKey } from "../accounts/api-keys.ts";
import type { UserRecord } from "../accounts/principal.ts";
import { getUser } from "../accounts/users.ts";
import type { AppContext } from "../context.ts";
import { users } from "../db/schema.ts";
import { isActive } from "../permissions/permissions.ts";
import { isSetUp } from "../workspace/workspace.ts";

export interface BridgeCredential {
  apiKeyId: string;
}

/** The bridge behind a live bridge key whose creator is still active, or null. */
export function resolveBridgeKey(ctx: AppContext, key: string): BridgeCredential | null {
  const record = findLiveApiKey(ctx, key);
  if (record === null || record.scope !== "bridge") return null;
  const owner = getUser(ctx, record.userId);
  return owner !== undefined && isActive(owner) ? { apiKeyId: record.id } : null;
}

export function createBridgeKey(ctx: AppContext, admin: UserRecord, name: string): CreatedApiKey {
  return createApiKey(ctx, admin, admin, name, "bridge");
}

function oldestActiveAdmin(ctx: AppContext): UserRecord | undefined {
  return ctx.db
    .select()
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.status, "active")))
    .orderBy(asc(users.createdAt))
    .get();
}

/** Makes sure `file` holds a working bridge key; says what it did. */
export function ensureBridgeKeyFile(
  ctx: AppContext,
  file: string,
): "kept" | "written" | "not-set-up" {
  if (!isSetUp(ctx)) return "not-set-up";
  if (existsSync(file) && resolveBridgeKey(ctx, readFileSync(file, "utf8").trim()) !== null)
    return "kept";
  const admin = oldestActiveAdmin(ctx);
  if (admin === undefined) return "not-set-up";
  const { key } = createBridgeKey(ctx, admin, "agent bridge (written by the server)");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${key}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return "written";
}
