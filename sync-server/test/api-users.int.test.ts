// The directory, roles and deactivation over real HTTP.
import type { UserView } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { ApiClient } from "./support/api-client.ts";
import { startTestServer } from "./support/test-server.ts";
import { PASSWORD, seedWorkspace } from "./support/workspace-fixture.ts";

describe("people", () => {
  it("lists everyone, with emails only for admins and for oneself", async () => {
    const { current } = await startTestServer();
    const { admin, member, guest } = await seedWorkspace(current);
    const seenByMember = await member.client.get<UserView[]>("/api/users");
    expect(seenByMember.body.map((u) => u.handle)).toEqual(
      expect.arrayContaining(["admin", "member", "guest", "outsider", "deactivated", "claude"]),
    );
    const withEmail = seenByMember.body.filter((u) => u.email !== undefined).map((u) => u.handle);
    expect(withEmail).toEqual(["member"]);
    const seenByAdmin = await admin.client.get<UserView>(`/api/users/${guest.user.id}`);
    expect(seenByAdmin.body.email).toBe("guest@example.com");
    expect((await member.client.get(`/api/users/${guest.user.id}`)).body).not.toHaveProperty(
      "email",
    );
    expect((await member.client.get("/api/users/01NOSUCHUSER")).status).toBe(404);
    const badId = await member.client.get("/api/users/not%20an%20id");
    expect(badId.body).toMatchObject({
      error: { code: "validation_failed", issues: [{ path: "id" }] },
    });
  });

  it("changes roles, effective on the next request of the person's session", async () => {
    const { current } = await startTestServer();
    const { admin, member } = await seedWorkspace(current);
    expect((await member.client.get("/api/invites")).status).toBe(403);
    const promoted = await admin.client.patch<UserView>(`/api/users/${member.user.id}`, {
      role: "admin",
    });
    expect(promoted.body.role).toBe("admin");
    expect((await member.client.get("/api/invites")).status).toBe(200);
    const invalid = await admin.client.patch(`/api/users/${member.user.id}`, { role: "owner" });
    expect(invalid.body).toMatchObject({ error: { issues: [{ path: "role" }] } });
  });

  it("deactivation ends the person's session at once; reactivation lets them sign in again", async () => {
    const { current } = await startTestServer();
    const { admin, member } = await seedWorkspace(current);
    expect((await member.client.get("/api/me")).status).toBe(200);
    const deactivated = await admin.client.post<UserView>(
      `/api/users/${member.user.id}/deactivate`,
    );
    expect(deactivated.body.status).toBe("deactivated");
    expect((await member.client.get("/api/me")).status).toBe(401);
    const login = () =>
      new ApiClient(current.url).post("/api/auth/login", {
        email: "member@example.com",
        password: PASSWORD,
      });
    expect((await login()).status).toBe(401);
    const reactivated = await admin.client.post<UserView>(
      `/api/users/${member.user.id}/reactivate`,
    );
    expect(reactivated.body.status).toBe("active");
    expect((await login()).status).toBe(200);
  });

  it("keeps at least one active admin", async () => {
    const { current } = await startTestServer();
    const { admin } = await seedWorkspace(current);
    const self = await admin.client.post(`/api/users/${admin.user.id}/deactivate`);
    expect(self.status).toBe(409);
    expect(self.body).toMatchObject({
      error: { message: expect.stringContaining("your own account") },
    });
    const demoted = await admin.client.patch(`/api/users/${admin.user.id}`, { role: "member" });
    expect(demoted.status).toBe(409);
    expect(demoted.body).toMatchObject({
      error: { message: expect.stringContaining("at least one") },
    });
    expect((await admin.client.get("/api/audit")).status).toBe(200);
  });
});
