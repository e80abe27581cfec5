// First-run setup and sessions: sign in, sign out (here or everywhere), the
// current session, and WebSocket tokens.
import { loginRequest, setupRequest } from "@openvibe/schema";
import { Hono } from "hono";
import { decoyPasswordHash, verifyPassword } from "../../accounts/passwords.ts";
import { endAllSessions, endSession, issueWebSocketToken } from "../../accounts/sessions.ts";
import { findUserByEmail } from "../../accounts/users.ts";
import { recordAudit } from "../../audit/audit-log.ts";
import { commitChange } from "../../commit-change.ts";
import { ApiError } from "../../errors.ts";
import { isActive } from "../../permissions/permissions.ts";
import { getWorkspace, isSetUp, setUpWorkspace } from "../../workspace/workspace.ts";
import { type AppEnv, requirePrincipal, requireSession } from "../authentication.ts";
import { clearSessionCookie } from "../session-cookie.ts";
import { clientAddress, sessionView, startSession } from "../sign-in.ts";
import { readBody } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function authRoutes({ ctx, loginThrottle, clientAddresses }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/setup", (c) => c.json({ setUp: isSetUp(ctx) }));

  app.post("/setup", async (c) => {
    const request = await readBody(c, setupRequest);
    const admin = await setUpWorkspace(ctx, request);
    return c.json(startSession(c, ctx, admin), 201);
  });

  app.post("/auth/login", async (c) => {
    const { email, password } = await readBody(c, loginRequest);
    const address = clientAddress(c, clientAddresses);
    // Per (account, address): failures elsewhere never refuse this address a correct password,
    // short of the account-wide backstop (see login-throttle.ts).
    loginThrottle.check(email, address);
    const user = findUserByEmail(ctx, email);
    // Unknown accounts cost the same hash as known ones, and get the same answer.
    const valid = await verifyPassword(password, user?.passwordHash ?? (await decoyPasswordHash()));
    if (user === undefined || !valid || !isActive(user)) {
      loginThrottle.recordFailure(email, address);
      throw new ApiError("invalid_credentials", "wrong email or password");
    }
    loginThrottle.recordSuccess(email, address);
    return c.json(startSession(c, ctx, user));
  });

  app.post("/auth/logout", (c) => {
    const session = requireSession(c);
    endSession(ctx, session);
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  app.post("/auth/logout-all", (c) => {
    const { user } = requirePrincipal(c);
    commitChange(ctx, () => {
      endAllSessions(ctx, user.id);
      recordAudit(ctx, {
        actorId: user.id,
        action: "session.ended_everywhere",
        targetType: "session",
        targetId: user.id,
      });
    });
    clearSessionCookie(c);
    return c.body(null, 204);
  });

  app.get("/auth/session", (c) => {
    const session = requireSession(c);
    return c.json(sessionView(ctx, requirePrincipal(c).user, session));
  });

  app.post("/auth/ws-token", (c) => {
    const session = requireSession(c);
    const { token, expiresAt } = issueWebSocketToken(ctx, getWorkspace(ctx).secret, session.id);
    return c.json({ token, expiresAt: new Date(expiresAt).toISOString() });
  });

  return app;
}
