// The server's one workspace: first-run setup, its name, settings and secret.
import { randomBytes } from "node:crypto";
import {
  type SetupRequest,
  type UpdateSettingsRequest,
  type WorkspaceSettings,
  type WorkspaceView,
  workspaceSettings,
} from "@openvibe/schema";
import { eq } from "drizzle-orm";
import type { UserRecord } from "../accounts/principal.ts";
import { insertUser, prepareUser } from "../accounts/users.ts";
import { recordAudit } from "../audit/audit-log.ts";
import { createChannel } from "../channels/channels.ts";
import { assertDefaultChannels } from "../channels/default-channels.ts";
import { commitChange } from "../commit-change.ts";
import type { AppContext } from "../context.ts";
import { workspace } from "../db/schema.ts";
import { ApiError } from "../errors.ts";

const WORKSPACE_ROW = 1;

interface WorkspaceRecord {
  name: string;
  settings: WorkspaceSettings;
  secret: Buffer;
}

export function isSetUp(ctx: AppContext): boolean {
  return ctx.db.select({ id: workspace.id }).from(workspace).get() !== undefined;
}

/** The workspace; throws until setup ran (every authenticated path needs it). */
export function getWorkspace(ctx: AppContext): WorkspaceRecord {
  const row = ctx.db.select().from(workspace).where(eq(workspace.id, WORKSPACE_ROW)).get();
  if (row === undefined) throw new ApiError("unauthenticated", "this server is not set up yet");
  return { name: row.name, settings: workspaceSettings.parse(row.settings), secret: row.secret };
}

export function toWorkspaceView(record: WorkspaceRecord): WorkspaceView {
  return { name: record.name, settings: record.settings };
}

/**
 * First run: creates the workspace, its first admin and a #general channel, the default
 * channel newcomers join.
 * Refused once done, so no later caller can take over the workspace.
 */
export async function setUpWorkspace(ctx: AppContext, request: SetupRequest): Promise<UserRecord> {
  if (isSetUp(ctx)) throw new ApiError("already_set_up", "this server is already set up");
  const prepared = await prepareUser({
    kind: "human",
    role: "admin",
    email: request.email,
    displayName: request.displayName,
    password: request.password,
  });
  // One transaction: a crash or a concurrent setup leaves either everything or nothing.
  const admin = commitChange(ctx, () => {
    const inserted = ctx.db
      .insert(workspace)
      .values({
        id: WORKSPACE_ROW,
        name: request.workspaceName,
        settings: workspaceSettings.parse({}),
        secret: randomBytes(32),
        createdAt: ctx.now(),
      })
      .onConflictDoNothing()
      .run();
    if (inserted.changes === 0)
      throw new ApiError("already_set_up", "this server is already set up");
    const created = insertUser(ctx, prepared);
    const general = createChannel(ctx, created, {
      name: "general",
      topic: "Everyone's channel",
      visibility: "public",
    });
    // #general is every newcomer's default channel until an admin says otherwise.
    ctx.db
      .update(workspace)
      .set({ settings: workspaceSettings.parse({ defaultChannelIds: [general.id] }) })
      .where(eq(workspace.id, WORKSPACE_ROW))
      .run();
    recordAudit(ctx, { actorId: created.id, action: "workspace.set_up", targetType: "workspace" });
    return created;
  });
  ctx.onWorkspaceSetUp?.();
  return admin;
}

export function updateWorkspace(
  ctx: AppContext,
  actor: UserRecord,
  change: UpdateSettingsRequest,
): WorkspaceView {
  return commitChange(ctx, () => {
    const current = getWorkspace(ctx);
    const { workspaceName, features, ...rest } = change;
    if (rest.defaultChannelIds !== undefined) assertDefaultChannels(ctx, rest.defaultChannelIds);
    const settings = workspaceSettings.parse({
      ...current.settings,
      ...rest,
      features: { ...current.settings.features, ...features },
    });
    ctx.db
      .update(workspace)
      .set({ settings, ...(workspaceName === undefined ? {} : { name: workspaceName }) })
      .where(eq(workspace.id, WORKSPACE_ROW))
      .run();
    recordAudit(ctx, {
      actorId: actor.id,
      action: "workspace.settings_changed",
      targetType: "workspace",
      details: { change },
    });
    ctx.accessChanges.emit({ kind: "settings-changed" });
    return toWorkspaceView(getWorkspace(ctx));
  });
}
