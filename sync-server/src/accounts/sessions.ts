// Browser sessions: a random cookie token (stored hashed) that lasts 30 days
// from last use, a CSRF token bound to the session, and short-lived signed
// tokens that open WebSocket connections on the session's behalf.
import { and, eq, ne } from "drizzle-orm";
import { commitChange } from "../commit-change.ts";
import type { AppContext } from "../context.ts";
import { sessions } from "../db/schema.ts";
import { newId } from "../ids.ts";
import { isActive } from "../permissions/permissions.ts";
import type { Principal } from "./principal.ts";
import { randomToken, sha256, signClaims, verifyClaims } from "./tokens.ts";
import { getUser } from "./users.ts";

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
export const WS_TOKEN_TTL_MS = 5 * 60 * 1000;
/** Sliding expiry is written at most this often per session. */
const TOUCH_INTERVAL_MS = 60 * 1000;

export type SessionRecord = typeof sessions.$inferSelect;

export interface NewSession {
  /** The cookie value; shown once, stored only as its hash. */
  token: string;
  session: SessionRecord;
}

export function createSession(
  ctx: AppContext,
  userId: string,
  userAgent: string | null,
): NewSession {
  const token = randomToken();
  const now = ctx.now();
  const session: SessionRecord = {
    id: newId(),
    userId,
    tokenHash: sha256(token),
    createdAt: now,
    expiresAt: now + SESSION_TTL_MS,
    lastSeenAt: now,
    userAgent: userAgent?.slice(0, 300) ?? null,
  };
  ctx.db.insert(sessions).values(session).run();
  return { token, session };
}

/** The principal of a live session, extending its expiry; null for unknown, expired or deactivated. */
export function resolveSessionToken(
  ctx: AppContext,
  token: string,
): (Principal & { session: SessionRecord }) | null {
  const session = ctx.db
    .select()
    .from(sessions)
    .where(eq(sessions.tokenHash, sha256(token)))
    .get();
  return session === undefined ? null : principalOfSession(ctx, session);
}

export function resolveSessionId(
  ctx: AppContext,
  sessionId: string,
): (Principal & { session: SessionRecord }) | null {
  const session = ctx.db.select().from(sessions).where(eq(sessions.id, sessionId)).get();
  return session === undefined ? null : principalOfSession(ctx, session);
}

function principalOfSession(
  ctx: AppContext,
  session: SessionRecord,
): (Principal & { session: SessionRecord }) | null {
  const now = ctx.now();
  if (session.expiresAt <= now) return null;
  const user = getUser(ctx, session.userId);
  if (user === undefined || !isActive(user)) return null;
  if (now - session.lastSeenAt >= TOUCH_INTERVAL_MS) {
    ctx.db
      .update(sessions)
      .set({ lastSeenAt: now, expiresAt: now + SESSION_TTL_MS })
      .where(eq(sessions.id, session.id))
      .run();
  }
  return { user, via: { kind: "session", sessionId: session.id }, session };
}

export function endSession(ctx: AppContext, session: SessionRecord): void {
  commitChange(ctx, () => {
    ctx.db.delete(sessions).where(eq(sessions.id, session.id)).run();
    ctx.accessChanges.emit({
      kind: "sessions-ended",
      userId: session.userId,
      sessionId: session.id,
    });
  });
}

/** Ends every session of the user, inside the caller's change (commit-change.ts). */
export function endAllSessions(ctx: AppContext, userId: string): void {
  ctx.db.delete(sessions).where(eq(sessions.userId, userId)).run();
  ctx.accessChanges.emit({ kind: "sessions-ended", userId });
}

/**
 * Ends every session of the user except `keepSessionId` (the one asking), e.g. after a password
 * change, inside the caller's change (commit-change.ts).
 */
export function endOtherSessions(
  ctx: AppContext,
  userId: string,
  keepSessionId: string | null,
): void {
  const ended = ctx.db
    .delete(sessions)
    .where(
      keepSessionId === null
        ? eq(sessions.userId, userId)
        : and(eq(sessions.userId, userId), ne(sessions.id, keepSessionId)),
    )
    .returning({ id: sessions.id })
    .all();
  for (const { id } of ended) {
    ctx.accessChanges.emit({ kind: "sessions-ended", userId, sessionId: id });
  }
}

export function csrfTokenFor(secret: Buffer, sessionId: string): string {
  return signClaims(secret, { purpose: "csrf", sessionId });
}

export function isValidCsrfToken(
  secret: Buffer,
  sessionId: string,
  token: string,
  now: number,
): boolean {
  return verifyClaims(secret, token, "csrf", now)?.sessionId === sessionId;
}

export function issueWebSocketToken(
  ctx: AppContext,
  secret: Buffer,
  sessionId: string,
): { token: string; expiresAt: number } {
  const expiresAt = ctx.now() + WS_TOKEN_TTL_MS;
  return { token: signClaims(secret, { purpose: "ws", sessionId, expiresAt }), expiresAt };
}

/** The principal behind a WebSocket token, if the token is genuine, unexpired and its session alive. */
export function resolveWebSocketToken(
  ctx: AppContext,
  secret: Buffer,
  token: string,
): Principal | null {
  const claims = verifyClaims(secret, token, "ws", ctx.now());
  return claims === null ? null : resolveSessionId(ctx, claims.sessionId);
}
