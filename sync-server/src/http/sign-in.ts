// Starting a browser session for a user who just proved who they are (setup,
// sign-in, accepted invite): a new session, its cookie, and the session view
// with its CSRF token.
import { getConnInfo } from "@hono/node-server/conninfo";
import type { SessionView } from "@openvibe/schema";
import type { Context } from "hono";
import type { UserRecord } from "../accounts/principal.ts";
import { createSession, csrfTokenFor, type SessionRecord } from "../accounts/sessions.ts";
import { toUserView } from "../accounts/users.ts";
import type { AppContext } from "../context.ts";
import { getWorkspace } from "../workspace/workspace.ts";
import { ClientAddresses } from "./client-address.ts";
import { setSessionCookie } from "./session-cookie.ts";

export function sessionView(
  ctx: AppContext,
  user: UserRecord,
  session: SessionRecord,
): SessionView {
  return {
    user: toUserView(user, user),
    csrfToken: csrfTokenFor(getWorkspace(ctx).secret, session.id),
    expiresAt: new Date(session.expiresAt).toISOString(),
  };
}

export function startSession(c: Context, ctx: AppContext, user: UserRecord): SessionView {
  const { token, session } = createSession(ctx, user.id, c.req.header("User-Agent") ?? null);
  setSessionCookie(c, token);
  return sessionView(ctx, user, session);
}

const NO_TRUSTED_PROXIES = new ClientAddresses([]);

/**
 * The caller's network address, for throttling password guesses: the TCP peer, or what a
 * trusted proxy (OPENVIBE_TRUSTED_PROXIES) forwarded for.
 */
export function clientAddress(c: Context, addresses: ClientAddresses = NO_TRUSTED_PROXIES): string {
  let remote: string | undefined;
  try {
    remote = getConnInfo(c).remote.address;
  } catch {
    remote = undefined;
  }
  return addresses.of(remote, c.req.header("X-Forwarded-For"));
}
