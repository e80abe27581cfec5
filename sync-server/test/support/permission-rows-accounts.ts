// Permission-matrix rows for sessions, accounts, invites, agents, API keys,
// settings, the audit log and the API description.
import { adminOnly, at, open, type Row, signedIn } from "./permission-table.ts";
import { fresh, freshInvite, freshKey, freshUser, userOf } from "./permission-world.ts";
import { PASSWORD } from "./workspace-fixture.ts";

export const ACCOUNT_ROWS: Row[] = [
  { route: "GET /setup", expect: open(), request: at("/setup") },
  {
    route: "POST /setup",
    expect: open(409),
    request: () => ({
      path: "/setup",
      body: { workspaceName: "X", email: "x@example.com", displayName: "X", password: PASSWORD },
    }),
  },
  {
    route: "POST /auth/login",
    expect: open(),
    request: (w) => ({
      path: "/auth/login",
      body: { email: w.member.user.email, password: PASSWORD },
    }),
  },
  {
    route: "POST /auth/logout",
    twin: true,
    expect: signedIn({ agent: 403 }),
    request: at("/auth/logout"),
  },
  {
    route: "POST /auth/logout-all",
    twin: true,
    expect: signedIn(),
    request: at("/auth/logout-all"),
  },
  { route: "GET /auth/session", expect: signedIn({ agent: 403 }), request: at("/auth/session") },
  { route: "POST /auth/ws-token", expect: signedIn({ agent: 403 }), request: at("/auth/ws-token") },

  { route: "GET /me", expect: signedIn(), request: at("/me") },
  {
    route: "PATCH /me",
    expect: signedIn(),
    request: () => ({ path: "/me", body: { avatarColor: "#123456" } }),
  },
  {
    route: "POST /me/password",
    twin: true,
    expect: signedIn({ agent: 403 }),
    request: () => ({
      path: "/me/password",
      body: { currentPassword: PASSWORD, newPassword: PASSWORD },
    }),
  },

  { route: "GET /users", expect: signedIn(), request: at("/users") },
  {
    route: "GET /users/:id",
    expect: signedIn(),
    request: (w) => ({ path: `/users/${w.member.user.id}` }),
  },
  {
    route: "PATCH /users/:id",
    expect: adminOnly(),
    request: async (w) => ({ path: `/users/${(await freshUser(w)).id}`, body: { role: "guest" } }),
  },
  {
    route: "POST /users/:id/deactivate",
    expect: adminOnly(),
    request: async (w) => ({ path: `/users/${(await freshUser(w)).id}/deactivate` }),
  },
  {
    route: "POST /users/:id/reactivate",
    expect: adminOnly(),
    request: async (w) => ({
      path: `/users/${(await freshUser(w, { deactivated: true })).id}/reactivate`,
    }),
  },

  {
    route: "POST /users/:id/claim-invite",
    expect: adminOnly(),
    // A person made without a password is a placeholder, as an import leaves them.
    request: async (w) => ({ path: `/users/${(await freshUser(w)).id}/claim-invite`, body: {} }),
  },
  { route: "GET /export", expect: adminOnly(), request: at("/export") },

  { route: "POST /invites", expect: adminOnly(), request: () => ({ path: "/invites", body: {} }) },
  { route: "GET /invites", expect: adminOnly(), request: at("/invites") },
  {
    route: "DELETE /invites/:id",
    expect: adminOnly(),
    request: (w) => ({ path: `/invites/${freshInvite(w).id}` }),
  },
  {
    route: "GET /invites/preview",
    expect: open(),
    request: (w) => ({ path: `/invites/preview?token=${freshInvite(w).token}` }),
  },
  {
    route: "POST /invites/accept",
    expect: open(),
    request: (w) => {
      const name = fresh("joiner");
      const body = {
        token: freshInvite(w).token,
        email: `${name}@example.com`,
        displayName: name,
        password: PASSWORD,
      };
      return { path: "/invites/accept", body };
    },
  },

  {
    route: "POST /agents",
    expect: adminOnly(),
    request: () => ({ path: "/agents", body: { handle: fresh("bot"), displayName: "Bot" } }),
  },
  { route: "GET /agents", expect: signedIn(), request: at("/agents") },
  {
    route: "POST /api-keys",
    expect: signedIn({ guest: 403, agent: 403 }),
    request: () => ({ path: "/api-keys", body: { name: "k" } }),
  },
  {
    route: "GET /api-keys",
    expect: signedIn({ guest: 403, agent: 403 }),
    request: at("/api-keys"),
  },
  {
    route: "DELETE /api-keys/:id",
    note: "own key",
    expect: signedIn({ guest: 403, agent: 403 }),
    request: (w, who) => ({ path: `/api-keys/${freshKey(w, userOf(w, who) ?? w.admin.user)}` }),
  },
  {
    route: "DELETE /api-keys/:id",
    note: "the admin's key",
    expect: signedIn({ member: 404, guest: 404, outsider: 404, agent: 404 }),
    request: (w) => ({ path: `/api-keys/${freshKey(w, w.admin.user)}` }),
  },

  { route: "GET /workspace", expect: signedIn(), request: at("/workspace") },
  {
    route: "PATCH /workspace",
    expect: adminOnly(),
    request: () => ({ path: "/workspace", body: { theme: "dark" } }),
  },
  { route: "GET /audit", expect: adminOnly(), request: at("/audit") },
  { route: "GET /openapi.json", expect: open(), request: at("/openapi.json") },
];
