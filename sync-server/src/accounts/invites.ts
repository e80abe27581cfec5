// Invite links: expiring, single- or multi-use, carrying a role. The link's
// token is shown once and stored hashed.
import type { AcceptInviteRequest, CreateInviteRequest, InviteView, Role } from "@openvibe/schema";
import { desc, eq, sql } from "drizzle-orm";
import { recordAudit } from "../audit/audit-log.ts";
import type { AppContext } from "../context.ts";
import { invites } from "../db/schema.ts";
import { ApiError, notFound } from "../errors.ts";
import { newId } from "../ids.ts";
import type { UserRecord } from "./principal.ts";
import { randomToken, sha256 } from "./tokens.ts";
import { createUser } from "./users.ts";

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
  };
  ctx.db.insert(invites).values(invite).run();
  recordAudit(ctx, {
    actorId: actor.id,
    action: "invite.created",
    targetType: "invite",
    targetId: invite.id,
    details: { role: invite.role, maxUses: invite.maxUses, expiresAt: iso(invite.expiresAt) },
  });
  return { token, invite };
}

export function listInvites(ctx: AppContext): InviteView[] {
  return ctx.db.select().from(invites).orderBy(desc(invites.createdAt)).all().map(toInviteView);
}

export function revokeInvite(ctx: AppContext, actor: UserRecord, inviteId: string): InviteView {
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
  const invite = usableInvite(ctx, request.token);
  // Claim a use first, atomically, so a single-use link cannot be used twice concurrently.
  const claimed = ctx.db
    .update(invites)
    .set({ uses: sql`${invites.uses} + 1` })
    .where(
      sql`${invites.id} = ${invite.id} and (${invites.maxUses} is null or ${invites.uses} < ${invites.maxUses})`,
    )
    .run();
  if (claimed.changes === 0)
    throw new ApiError(
      "invite_unusable",
      "this invite link is not valid any more; ask for a new one",
    );
  try {
    const user = await createUser(ctx, {
      kind: "human",
      role: invite.role,
      email: request.email,
      displayName: request.displayName,
      password: request.password,
    });
    recordAudit(ctx, {
      actorId: user.id,
      action: "invite.accepted",
      targetType: "invite",
      targetId: invite.id,
      details: { role: invite.role },
    });
    return user;
  } catch (error) {
    ctx.db
      .update(invites)
      .set({ uses: sql`${invites.uses} - 1` })
      .where(eq(invites.id, invite.id))
      .run();
    throw error;
  }
}
