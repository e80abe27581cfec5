// Channels and their members over real HTTP.
import type { ChannelView, UserView } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

const names = (channels: ChannelView[]) => channels.map((c) => c.name).sort();

describe("channels", () => {
  it("creates, renames, sets the topic, archives and unarchives", async () => {
    const { current } = await startTestServer();
    const { member, outsider } = await seedWorkspace(current);
    const created = await member.client.post<ChannelView>("/api/channels", { name: "Plans" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "plans",
      visibility: "public",
      joined: true,
      writable: true,
      memberCount: 1,
      documentName: `channel:${created.body.id}`,
    });
    const path = `/api/channels/${created.body.id}`;
    expect((await member.client.post("/api/channels", { name: "plans" })).status).toBe(409);
    const clash = await member.client.patch(path, { name: "town-square" });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ error: { code: "conflict" } });
    const renamed = await member.client.patch<ChannelView>(path, { name: "roadmap", topic: "Q3" });
    expect(renamed.body).toMatchObject({ name: "roadmap", topic: "Q3" });
    const invalid = await member.client.patch(path, { name: "-no spaces-" });
    expect(invalid.body).toMatchObject({ error: { issues: [{ path: "name" }] } });

    expect((await outsider.client.post(`${path}/archive`)).status).toBe(403);
    const archived = await member.client.post<ChannelView>(`${path}/archive`);
    expect(archived.body).toMatchObject({ archived: true, writable: false });
    expect((await member.client.patch(path, { topic: "late" })).status).toBe(403);
    const unarchived = await member.client.post<ChannelView>(`${path}/unarchive`);
    expect(unarchived.body).toMatchObject({ archived: false, writable: true });
  });

  it("lets people join and leave public channels but not private ones", async () => {
    const { current } = await startTestServer();
    const { outsider, guest, general, secret } = await seedWorkspace(current);
    const visible = await outsider.client.get<ChannelView[]>("/api/channels");
    expect(names(visible.body)).toEqual(["general", "town-square"]);
    expect(visible.body.some((c) => c.joined)).toBe(false);

    const joined = await outsider.client.post<ChannelView>(`/api/channels/${general.id}/join`);
    expect(joined.body).toMatchObject({ joined: true, writable: true });
    expect((await outsider.client.post(`/api/channels/${secret.id}/join`)).status).toBe(404);
    expect((await guest.client.post(`/api/channels/${general.id}/join`)).status).toBe(404);
    expect(names((await guest.client.get<ChannelView[]>("/api/channels")).body)).toEqual([
      "secret-plans",
    ]);

    expect((await outsider.client.post(`/api/channels/${general.id}/leave`)).status).toBe(204);
    const after = await outsider.client.get<ChannelView>(`/api/channels/${general.id}`);
    expect(after.body.joined).toBe(false);
  });

  it("adds and removes members of a private channel", async () => {
    const { current } = await startTestServer();
    const { member, outsider, guest } = await seedWorkspace(current);
    const created = await member.client.post<ChannelView>("/api/channels", {
      name: "hush",
      visibility: "private",
    });
    const path = `/api/channels/${created.body.id}`;
    expect((await outsider.client.get(path)).status).toBe(404);

    expect((await member.client.put(`${path}/members/${outsider.user.id}`)).status).toBe(204);
    expect((await outsider.client.get<ChannelView>(path)).body.joined).toBe(true);
    const members = await member.client.get<UserView[]>(`${path}/members`);
    expect(members.body.map((u) => u.handle).sort()).toEqual(["member", "outsider"]);
    // Members cannot bring guests in; only admins can.
    expect((await member.client.put(`${path}/members/${guest.user.id}`)).status).toBe(403);
    // The added person is not the creator, so may not remove others.
    expect((await outsider.client.delete(`${path}/members/${member.user.id}`)).status).toBe(403);

    expect((await member.client.delete(`${path}/members/${outsider.user.id}`)).status).toBe(204);
    expect((await outsider.client.get(path)).status).toBe(404);
    expect((await member.client.get<ChannelView>(path)).body.memberCount).toBe(1);
  });
});
