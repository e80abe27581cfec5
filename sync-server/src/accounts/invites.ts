// Invite links: expiring, single- or multi-use, carrying a role. The link's
// token is shown once and stored hashed.
import type { AcceptInviteRequest, CreateInviteRequest, InviteView, Role } from "@openvibe/schema";
import { desc, eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/audit-log.ts";
import { joinDefaultChannels } from "../channels/default-channels.ts";
import { commitChange } from "../commit-change.ts";
import type { AppContext } from "../context.ts";
import { invites, users } from "../db/schema.ts";
import { ApiError, notFound } from "../errors.ts";
import { newId } from "../ids.ts";
import { getWorkspace } from "../workspace/workspace.ts";
import { hashPassword } from "./passwords.ts";
import type { UserRecord } from "./principal.ts";
import { randomToken, sha256 } from "./tokens.ts";
import { findUserByEmail, insertUser, requireUser } from "./users.ts";

type InviteRecord = typeof invites.$inferSelect;

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toInviteView(invite: InviteRecord): InviteView {
  return {
    id: invite.id,
    role: invite.role,
    createdBy: invite.createdBy,
    createdAt: new Date(invite.createdAt).toISOString(),
    expiresAt: new Date(invite.expiresAt).toISOString(),
    maxUses: invite.maxUses,
    uses: invite.uses,
    revokedAt: iso(invite.revokedAt),
  };
}

export function createInvite(
  ctx: AppContext,
  actor: UserRecord,
  request: CreateInviteRequest,
): { token: string; invite: InviteRecord } {
  const token = randomToken("ovi_");
  const now = ctx.now();
  const invite: InviteRecord = {
    id: newId(),
    tokenHash: sha256(token),
    role: request.role,
    createdBy: actor.id,
    createdAt: now,
    expiresAt: now + request.expiresInHours * 3600_000,
    maxUses: request.maxUses,
    uses: 0,
    revokedAt: null,
    claimsUserId: null,
  };
  commitChange(ctx, () => {
    ctx.db.insert(invites).values(invite).run();
    recordAudit(ctx, {
      actorId: actor.id,
      action: "invite.created",
      targetType: "invite",
      targetId: invite.id,
      details: { role: invite.role, maxUses: invite.maxUses, expiresAt: iso(invite.expiresAt) },
    });
  });
  return { token, invite };
}

/**
 * An invite that lets one person claim a placeholder account (imported from another workspace
 * or from Slack: a person without a password): accepting it sets the account's email, name and
 * password, keeping its id, so everything the account wrote stays theirs.
 */
export function createClaimInvite(
  ctx: AppContext,
  actor: UserRecord,
  placeholder: UserRecord,
  expiresInHours: number,
): { token: string; invite: InviteRecord } {
  if (placeholder.kind !== "human" || placeholder.passwordHash !== null) {
    throw new ApiError("conflict", `@${placeholder.handle} is not a placeholder account`);
  }
  const created = newClaimInvite(ctx, actor.id, placeholder, expiresInHours);
  commitChange(ctx, () => {
    ctx.db.insert(invites).values(created.invite).run();
    recordAudit(ctx, {
      actorId: actor.id,
      action: "invite.created",
      targetType: "invite",
      targetId: created.invite.id,
      details: { role: created.invite.role, maxUses: 1, claims: placeholder.id },
    });
  });
  return created;
}

/** The row of a single-use invite claiming `placeholder` (to insert, e.g. within an import). */
export function newClaimInvite(
  ctx: AppContext,
  actorId: string,
  placeholder: { id: string; role: Role },
  expiresInHours: number,
): { token: string; invite: InviteRecord } {
  const token = randomToken("ovi_");
  const now = ctx.now();
  return {
    token,
    invite: {
      id: newId(),
      tokenHash: sha256(token),
      role: placeholder.role,
      createdBy: actorId,
      createdAt: now,
      expiresAt: now + expiresInHours * 3600_000,
      maxUses: 1,
      uses: 0,
      revokedAt: null,
      claimsUserId: placeholder.id,
    },
  };
}

export function listInvites(ctx: AppContext): InviteView[] {
  return ctx.db.select().from(invites).orderBy(desc(invites.createdAt)).all().map(toInviteView);
}

export function revokeInvite(ctx: AppContext, actor: UserRecord, inviteId: string): InviteView {
  return commitChange(ctx, () => {
    const invite = ctx.db.select().from(invites).where(eq(invites.id, inviteId)).get();
    if (invite === undefined) throw notFound("invite");
    if (invite.revokedAt === null) {
      ctx.db.update(invites).set({ revokedAt: ctx.now() }).where(eq(invites.id, inviteId)).run();
      recordAudit(ctx, {
        actorId: actor.id,
        action: "invite.revoked",
        targetType: "invite",
        targetId: inviteId,
      });
    }
    return toInviteView({ ...invite, revokedAt: invite.revokedAt ?? ctx.now() });
  });
}

function usableInvite(ctx: AppContext, token: string): InviteRecord {
  const invite = ctx.db
    .select()
    .from(invites)
    .where(eq(invites.tokenHash, sha256(token)))
    .get();
  const usable =
    invite !== undefined &&
    invite.revokedAt === null &&
    invite.expiresAt > ctx.now() &&
    (invite.maxUses === null || invite.uses < invite.maxUses);
  // One answer for unknown, revoked, expired and used up: the link simply does not work.
  if (!usable)
    throw new ApiError(
      "invite_unusable",
      "this invite link is not valid any more; ask for a new one",
    );
  return invite;
}

/** What an invite offers, for the page a link opens; no account data. */
export function previewInvite(ctx: AppContext, token: string): { role: Role; expiresAt: string } {
  const invite = usableInvite(ctx, token);
  return { role: invite.role, expiresAt: new Date(invite.expiresAt).toISOString() };
}

export async function acceptInvite(
  ctx: AppContext,
  request: AcceptInviteRequest,
): Promise<UserRecord> {
  // Checked before the slow hashing too, so a dead link is refused at once.
  usableInvite(ctx, request.token);
  const passwordHash = await hashPassword(request.password);
  return commitChange(ctx, () => {
    // Checked again under the write lock, so a single-use link cannot be used twice concurrently.
    const invite = usableInvite(ctx, request.token);
    ctx.db
      .update(invites)
      .set({ uses: sql`${invites.uses} + 1` })
      .where(eq(invites.id, invite.id))
      .run();
    const user =
      invite.claimsUserId === null
        ? insertUser(ctx, {
            input: {
              kind: "human",
              role: invite.role,
              email: request.email,
              displayName: request.displayName,
            },
            passwordHash,
          })
        : claimPlaceholder(ctx, invite.claimsUserId, request, passwordHash);
    recordAudit(ctx, {
      actorId: user.id,
      action: "invite.accepted",
      targetType: "invite",
      targetId: invite.id,
      details: { role: invite.role },
    });
    ctx.accessChanges.emit({ kind: "person-changed", userId: user.id });
    joinDefaultChannels(ctx, user, getWorkspace(ctx).settings.defaultChannelIds);
    return user;
  });
}

/** Gives a placeholder account the email, name and password of the person accepting its invite. */
function claimPlaceholder(
  ctx: AppContext,
  userId: string,
  request: AcceptInviteRequest,
  passwordHash: string,
): UserRecord {
  const placeholder = requireUser(ctx, userId);
  if (placeholder.passwordHash !== null) {
    throw new ApiError("invite_unusable", "this account has been claimed already");
  }
  const email = request.email.toLowerCase();
  const holder = findUserByEmail(ctx, email);
  if (holder !== undefined && holder.id !== userId) {
    throw new ApiError("conflict", "an account with this email already exists");
  }
  ctx.db
    .update(users)
    .set({ email, displayName: request.displayName, passwordHash })
    .where(eq(users.id, userId))
    .run();
  return requireUser(ctx, userId);
}
