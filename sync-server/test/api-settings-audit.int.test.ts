// Workspace settings and the audit log over real HTTP.
import type { AuditPage, WorkspaceView } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

describe("workspace settings", () => {
  it("are read by everyone and changed by admins only, merged field by field", async () => {
    const { current } = await startTestServer();
    const { admin, member } = await seedWorkspace(current);
    const read = await member.client.get<WorkspaceView>("/api/workspace");
    expect(read.body).toMatchObject({
      name: "Acme",
      settings: { forkLabel: "Fork", theme: "system" },
    });
    expect((await member.client.patch("/api/workspace", { theme: "dark" })).status).toBe(403);

    const changed = await admin.client.patch<WorkspaceView>("/api/workspace", {
      workspaceName: "Acme Inc",
      forkLabel: "Side discussion",
      features: { search: false },
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toEqual({
      name: "Acme Inc",
      settings: {
        forkLabel: "Side discussion",
        maxOpenForksPerThread: 5,
        maxFileBytes: 25 * 1024 * 1024,
        defaultAgentHandle: null,
        theme: "system",
        // Setup makes #general the default channel.
        defaultChannelIds: [expect.any(String)],
        features: { agents: true, forks: true, search: false, linkPreviews: true },
      },
    });
    expect((await member.client.get("/api/workspace")).body).toEqual(changed.body);
  });

  it("refuses invalid values with an issue per field", async () => {
    const { current } = await startTestServer();
    const { admin } = await seedWorkspace(current);
    const invalid = await admin.client.patch("/api/workspace", {
      maxOpenForksPerThread: 0,
      theme: "neon",
      features: { search: "yes" },
    });
    expect(invalid.status).toBe(400);
    const paths = (invalid.body as { error: { issues: { path: string }[] } }).error.issues.map(
      (i) => i.path,
    );
    expect(paths.sort()).toEqual(["features.search", "maxOpenForksPerThread", "theme"]);
    expect((await admin.client.patch("/api/workspace", {})).status).toBe(400);
    expect((await admin.client.patch("/api/workspace", { colour: "red" })).status).toBe(400);
  });
});

describe("audit log", () => {
  it("lists admin actions newest first, page by page", async () => {
    const { current } = await startTestServer();
    const { admin, member, outsider } = await seedWorkspace(current);
    await admin.client.patch("/api/workspace", { theme: "dark" });
    await admin.client.patch(`/api/users/${outsider.user.id}`, { role: "guest" });
    await admin.client.post("/api/invites", {});

    const pages: AuditPage[] = [];
    let cursor: number | null = null;
    do {
      const query: string = cursor === null ? "" : `&before=${cursor}`;
      const page = await admin.client.get<AuditPage>(`/api/audit?limit=4${query}`);
      expect(page.status).toBe(200);
      pages.push(page.body);
      cursor = page.body.nextCursor;
    } while (cursor !== null);

    const entries = pages.flatMap((p) => p.entries);
    expect(pages.length).toBeGreaterThan(2);
    expect(pages.slice(0, -1).every((p) => p.entries.length === 4)).toBe(true);
    const ids = entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    expect(new Set(ids).size).toBe(ids.length);
    expect(entries.slice(0, 3).map((e) => e.action)).toEqual([
      "invite.created",
      "user.role_changed",
      "workspace.settings_changed",
    ]);
    expect(entries[1]).toMatchObject({
      actorId: admin.user.id,
      targetType: "user",
      targetId: outsider.user.id,
      details: { from: "member", to: "guest" },
    });
    // The oldest entries are the first run's: #general, then the set-up itself.
    expect(entries.slice(-2).map((e) => e.action)).toEqual(["workspace.set_up", "channel.created"]);

    for (const limit of ["0", "201", "many"]) {
      expect((await admin.client.get(`/api/audit?limit=${limit}`)).status).toBe(400);
    }
    expect((await member.client.get("/api/audit")).status).toBe(403);
  });
});
