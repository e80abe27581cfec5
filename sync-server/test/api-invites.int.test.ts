// Invite links over real HTTP: create, preview, accept (signed in with the
// invite's role), and every way a link stops working.
import type { CreatedInvite, InviteView, SessionView } from "@openvibe/schema";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { invites } from "../src/db/schema.ts";
import { ApiClient } from "./support/api-client.ts";
import { startTestServer } from "./support/test-server.ts";
import { PASSWORD, type SeededWorkspace, seedWorkspace } from "./support/workspace-fixture.ts";

async function invite(w: SeededWorkspace, body: object = {}): Promise<CreatedInvite> {
  const response = await w.admin.client.post<CreatedInvite>("/api/invites", body);
  expect(response.status).toBe(201);
  return response.body;
}

function accept(url: string, token: string, name: string) {
  const browser = new ApiClient(url);
  const request = browser.post<SessionView>("/api/invites/accept", {
    token,
    email: `${name}@example.com`,
    displayName: name,
    password: PASSWORD,
  });
  return request.then((response) => ({ browser, response }));
}

describe("invites", () => {
  it("builds links on OPENVIBE_PUBLIC_URL when set (behind a proxy the request's origin is wrong)", async () => {
    const { current } = await startTestServer({ OPENVIBE_PUBLIC_URL: "https://chat.example.com" });
    const w = await seedWorkspace(current);
    const created = await invite(w);
    expect(created.url).toBe(`https://chat.example.com/invite/${created.token}`);
  });

  it("lets a single-use link sign one person up with the invite's role, then refuses it", async () => {
    const { current } = await startTestServer();
    const w = await seedWorkspace(current);
    const created = await invite(w, { role: "guest" });
    expect(created.url).toBe(`${current.url}/invite/${created.token}`);
    expect(created.invite).toMatchObject({ role: "guest", maxUses: 1, uses: 0, revokedAt: null });

    const preview = await w.anonymous.get(`/api/invites/preview?token=${created.token}`);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      workspaceName: "Acme",
      role: "guest",
      expiresAt: created.invite.expiresAt,
    });

    const { browser, response } = await accept(current.url, created.token, "gail");
    expect(response.status).toBe(201);
    expect(response.body.user).toMatchObject({ role: "guest", email: "gail@example.com" });
    expect((await browser.get("/api/me")).body).toMatchObject({ handle: "gail", role: "guest" });

    const again = await accept(current.url, created.token, "gail2");
    expect(again.response.status).toBe(410);
    expect(again.response.body).toMatchObject({ error: { code: "invite_unusable" } });
    expect((await w.anonymous.get(`/api/invites/preview?token=${created.token}`)).status).toBe(410);
    const listed = await w.admin.client.get<InviteView[]>("/api/invites");
    expect(listed.body.find((i) => i.id === created.invite.id)?.uses).toBe(1);
  });

  it("refuses revoked and expired links the same way as unknown ones", async () => {
    const { current } = await startTestServer();
    const w = await seedWorkspace(current);
    const revoked = await invite(w);
    expect((await w.admin.client.delete(`/api/invites/${revoked.invite.id}`)).status).toBe(204);
    const expired = await invite(w);
    current.ctx.db
      .update(invites)
      .set({ expiresAt: Date.now() - 1 })
      .where(eq(invites.id, expired.invite.id))
      .run();

    const answers = [];
    for (const token of [revoked.token, expired.token, "ovi_never-issued"]) {
      const preview = await w.anonymous.get(`/api/invites/preview?token=${token}`);
      const { response } = await accept(current.url, token, "late");
      expect([preview.status, response.status]).toEqual([410, 410]);
      answers.push(response.body);
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    const listed = await w.admin.client.get<InviteView[]>("/api/invites");
    expect(listed.body.find((i) => i.id === revoked.invite.id)?.revokedAt).not.toBeNull();
  });

  it("lets a multi-use link sign several people up, and gives a use back on failure", async () => {
    const { current } = await startTestServer();
    const w = await seedWorkspace(current);
    const created = await invite(w, { maxUses: null, expiresInHours: 1 });
    for (const name of ["ann", "bob", "cy"]) {
      expect((await accept(current.url, created.token, name)).response.status).toBe(201);
    }
    // An email already in use: refused, and the link keeps its count.
    const taken = await accept(current.url, created.token, "member");
    expect(taken.response.status).toBe(409);
    const listed = await w.admin.client.get<InviteView[]>("/api/invites");
    expect(listed.body.find((i) => i.id === created.invite.id)?.uses).toBe(3);
  });

  it("validates bodies and queries field by field", async () => {
    const { current } = await startTestServer();
    const w = await seedWorkspace(current);
    const bad = await w.admin.client.post("/api/invites", { role: "owner", expiresInHours: 0 });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { issues: [{ path: "role" }, { path: "expiresInHours" }] },
    });
    const noToken = await w.anonymous.get("/api/invites/preview");
    expect(noToken.body).toMatchObject({
      error: { code: "validation_failed", issues: [{ path: "token" }] },
    });
    const { token } = await invite(w);
    const weak = await w.anonymous.post("/api/invites/accept", {
      token,
      email: "x@example.com",
      displayName: "X",
      password: "short",
    });
    expect(weak.body).toMatchObject({ error: { issues: [{ path: "password" }] } });
  });
});
