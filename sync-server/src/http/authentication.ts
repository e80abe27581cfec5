// Who is calling: a session cookie (browsers) or an API key in
// "Authorization: Bearer ovk_..." (agents, scripts). Cookie-authenticated
// writes must also carry the session's CSRF token in X-CSRF-Token; API-key
// calls need none (a browser never sends the key by itself).

import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import type { RequestIdVariables } from "hono/request-id";
import { resolveApiKey } from "../accounts/api-keys.ts";
import type { Principal } from "../accounts/principal.ts";
import { isValidCsrfToken, resolveSessionToken, type SessionRecord } from "../accounts/sessions.ts";
import { type BridgeCredential, resolveBridgeKey } from "../agents/bridge-keys.ts";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";
import { canManageWorkspace } from "../permissions/permissions.ts";
import { getWorkspace } from "../workspace/workspace.ts";

export const SESSION_COOKIE = "ov_session";
export const CSRF_HEADER = "X-CSRF-Token";

export interface AuthVariables {
  principal: Principal | null;
  session: SessionRecord | null;
  /** Set instead of a principal for agent bridges' keys, which act as no user. */
  bridge: BridgeCredential | null;
}

export type AppEnv = { Variables: AuthVariables & RequestIdVariables };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function bearer(c: Context): string | null {
  const header = c.req.header("Authorization");
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1] ?? null;
}

/** Resolves the caller, if any; routes decide with `requirePrincipal` whether one is needed. */
export function authenticate(ctx: AppContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set("principal", null);
    c.set("session", null);
    c.set("bridge", null);
    const key = bearer(c);
    if (key !== null) {
      const principal = resolveApiKey(ctx, key);
      const bridge = principal === null ? resolveBridgeKey(ctx, key) : null;
      if (principal === null && bridge === null) {
        throw new ApiError("unauthenticated", "the API key is not valid");
      }
      c.set("principal", principal);
      c.set("bridge", bridge);
      return next();
    }
    const token = getCookie(c, SESSION_COOKIE);
    const resolved = token === undefined ? null : resolveSessionToken(ctx, token);
    if (resolved !== null) {
      if (!SAFE_METHODS.has(c.req.method)) {
        const csrf = c.req.header(CSRF_HEADER) ?? "";
        if (!isValidCsrfToken(getWorkspace(ctx).secret, resolved.session.id, csrf, ctx.now())) {
          throw new ApiError(
            "csrf_failed",
            `send the session's CSRF token in the ${CSRF_HEADER} header`,
          );
        }
      }
      const { session, ...principal } = resolved;
      c.set("principal", principal);
      c.set("session", session);
    }
    return next();
  };
}

export function requirePrincipal(c: Context<AppEnv>): Principal {
  const principal = c.get("principal");
  if (principal !== null) return principal;
  if (c.get("bridge") !== null)
    throw new ApiError("forbidden", "a bridge key only runs agent tasks");
  throw new ApiError("unauthenticated", "sign in first");
}

/** An agent bridge's key: 401 for anonymous callers, 403 for people and ordinary keys. */
export function requireBridge(c: Context<AppEnv>): BridgeCredential {
  const bridge = c.get("bridge");
  if (bridge !== null) return bridge;
  if (c.get("principal") === null)
    throw new ApiError("unauthenticated", "send a bridge key as a Bearer token");
  throw new ApiError("forbidden", "only agent bridges (bridge keys) can do this");
}

export function requireSession(c: Context<AppEnv>): SessionRecord {
  requirePrincipal(c);
  const session = c.get("session");
  if (session === null)
    throw new ApiError("forbidden", "this needs a signed-in browser session, not an API key");
  return session;
}

/** A signed-in admin: 401 for anonymous callers, 403 for everyone else. */
export function requireAdmin(c: Context<AppEnv>): Principal {
  const principal = requirePrincipal(c);
  if (!canManageWorkspace(principal.user))
    throw new ApiError("forbidden", "only admins can do this");
  return principal;
}
