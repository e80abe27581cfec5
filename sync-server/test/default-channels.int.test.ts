// Default channels: #general from setup on, then whichever an admin names in the workspace
// settings; newcomers join them on accepting an invite (guests excepted); names of channels that
// are missing or archived are refused, and a default channel archived later is skipped.
import type { ChannelView, CreatedInvite, SessionView, WorkspaceView } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { ApiClient } from "./support/api-client.ts";
import { startTestServer } from "./support/test-server.ts";
import { PASSWORD, type SeededWorkspace, seedWorkspace } from "./support/workspace-fixture.ts";

/** Signs a newcomer up through an invite of `role`; returns their channels. */
async function signUp(w: SeededWorkspace, url: string, role: string, name: string) {
  const invite = await w.admin.client.post<CreatedInvite>("/api/invites", { role });
  expect(invite.status).toBe(201);
  const newcomer = new ApiClient(url);
  const accepted = await newcomer.post<SessionView>("/api/invites/accept", {
    token: invite.body.token,
    email: `${name}@example.com`,
    displayName: name,
    password: PASSWORD,
  });
  expect(accepted.status).toBe(201);
  const channels = await newcomer.get<ChannelView[]>("/api/channels");
  return channels.body.filter((channel) => channel.joined).map((channel) => channel.name);
}

describe("default channels", () => {
  it("are joined by newcomers who accept an invite, not by guests", async () => {
    const { current } = await startTestServer();
    const w = await seedWorkspace(current);
    // From setup on: the #general setup made.
    expect(await signUp(w, current.url, "member", "first")).toEqual(["general"]);
    const none = await w.admin.client.patch<WorkspaceView>("/api/workspace", {
      defaultChannelIds: [],
    });
    expect(none.status).toBe(200);
    expect(await signUp(w, current.url, "member", "before")).toEqual([]);

    const random = await w.admin.client.post<ChannelView>("/api/channels", {
      name: "random",
      visibility: "public",
    });
    const set = await w.admin.client.patch<WorkspaceView>("/api/workspace", {
      defaultChannelIds: [w.general.id, random.body.id],
    });
    expect(set.status).toBe(200);
    expect(set.body.settings.defaultChannelIds).toEqual([w.general.id, random.body.id]);

    expect((await signUp(w, current.url, "member", "newcomer")).sort()).toEqual(
      [w.general.name, "random"].sort(),
    );
    expect(await signUp(w, current.url, "guest", "visitor")).toEqual([]);

    // Archived since: skipped, the others still joined.
    await w.admin.client.post(`/api/channels/${random.body.id}/archive`);
    expect(await signUp(w, current.url, "member", "later")).toEqual([w.general.name]);
  });

  it("must name channels that exist and are not archived, and only admins set them", async () => {
    const { current } = await startTestServer();
    const w = await seedWorkspace(current);
    const fromSetup = (await w.admin.client.get<WorkspaceView>("/api/workspace")).body.settings
      .defaultChannelIds;
    expect(fromSetup).toHaveLength(1);
    const member = await w.member.client.patch("/api/workspace", {
      defaultChannelIds: [w.general.id],
    });
    expect(member.status).toBe(403);

    const old = await w.admin.client.post<ChannelView>("/api/channels", {
      name: "old",
      visibility: "public",
    });
    await w.admin.client.post(`/api/channels/${old.body.id}/archive`);
    const refused = await w.admin.client.patch("/api/workspace", {
      defaultChannelIds: [w.general.id, "no-such-channel", old.body.id],
    });
    expect(refused.status).toBe(400);
    const paths = (refused.body as { error: { issues: { path: string }[] } }).error.issues.map(
      (issue) => issue.path,
    );
    expect(paths).toEqual(["defaultChannelIds.1", "defaultChannelIds.2"]);
    const settings = await w.admin.client.get<WorkspaceView>("/api/workspace");
    expect(settings.body.settings.defaultChannelIds).toEqual(fromSetup);
  });
});
