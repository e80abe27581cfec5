// A change of the workspace is done whole or not at all: when its audit entry or its access-change
// journal row cannot be written (a full disk), the change itself is not made, the caller is told,
// and no live connection hears of it. Real server, real SQLite file; the refusals are triggers.
import { rmSync } from "node:fs";
import { join } from "node:path";
import type { AuditPage, ChannelView, UserView } from "@openvibe/schema";
import { describe, expect, it, onTestFinished } from "vitest";
import type { AccessChange } from "../src/permissions/access-changes.ts";
import type { RunningServer } from "../src/server.ts";
import { refuseInserts } from "./support/failing-inserts.ts";
import { fillUp, smallDisk } from "./support/small-disk.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

function heardChanges(server: RunningServer): AccessChange[] {
  const heard: AccessChange[] = [];
  onTestFinished(server.ctx.accessChanges.subscribe((change) => heard.push(change)));
  return heard;
}

function journalRows(server: RunningServer): number {
  const row = server.ctx.db.$client
    .prepare("SELECT count(*) AS n FROM access_change_journal")
    .get();
  return (row as { n: number }).n;
}

describe("a change whose record cannot be written", () => {
  it("is not made when its audit entry is refused", async () => {
    const { current } = await startTestServer();
    const { admin, member, general } = await seedWorkspace(current);
    const heard = heardChanges(current);
    const journalBefore = journalRows(current);
    const diskBack = refuseInserts(current.ctx.db.$client, "audit_log");

    const promoted = await admin.client.patch(`/api/users/${member.user.id}`, { role: "admin" });
    expect(promoted.status).toBe(500);
    expect(promoted.body).toMatchObject({ error: { code: "internal" } });
    const archived = await admin.client.post(`/api/channels/${general.id}/archive`);
    expect(archived.status).toBe(500);

    const memberNow = await admin.client.get<UserView>(`/api/users/${member.user.id}`);
    expect(memberNow.body.role).toBe("member");
    expect((await member.client.get("/api/invites")).status).toBe(403);
    const channelNow = await member.client.get<ChannelView>(`/api/channels/${general.id}`);
    expect(channelNow.body.archived).toBe(false);
    expect(heard).toEqual([]);
    expect(journalRows(current)).toBe(journalBefore);

    diskBack();
    expect(
      (await admin.client.patch(`/api/users/${member.user.id}`, { role: "admin" })).status,
    ).toBe(200);
    const audit = await admin.client.get<AuditPage>("/api/audit");
    const roleChanges = audit.body.entries.filter(
      (e) => e.action === "user.role_changed" && e.targetId === member.user.id,
    );
    expect(roleChanges).toHaveLength(1);
    expect(heard).toEqual([{ kind: "role-changed", userId: member.user.id }]);
  });

  it("is not made, and disconnects nobody, when its journal row is refused", async () => {
    const { current } = await startTestServer();
    const { admin, member } = await seedWorkspace(current);
    const heard = heardChanges(current);
    const diskBack = refuseInserts(current.ctx.db.$client, "access_change_journal");

    const deactivated = await admin.client.post(`/api/users/${member.user.id}/deactivate`);
    expect(deactivated.status).toBe(500);
    expect((await member.client.get("/api/me")).status).toBe(200);
    expect(heard).toEqual([]);
    const audit = await admin.client.get<AuditPage>("/api/audit");
    expect(
      audit.body.entries.filter(
        (e) => e.action === "user.deactivated" && e.targetId === member.user.id,
      ),
    ).toEqual([]);

    diskBack();
    expect((await admin.client.post(`/api/users/${member.user.id}/deactivate`)).status).toBe(200);
    expect((await member.client.get("/api/me")).status).toBe(401);
    expect(heard).toEqual([{ kind: "user-deactivated", userId: member.user.id }]);
  });

  it("answers 507 on a full disk, changes nothing, and makes the change once there is room", async () => {
    const disk = smallDisk(24);
    const { current } = await startTestServer({ OPENVIBE_DATA_DIR: join(disk, "data") });
    const { admin, member, general } = await seedWorkspace(current);
    const heard = heardChanges(current);
    // An empty write-ahead log: the change's first page needs new room on the disk.
    current.ctx.db.$client.pragma("wal_checkpoint(TRUNCATE)");
    const filler = fillUp(disk);

    const removed = await admin.client.delete(
      `/api/channels/${general.id}/members/${member.user.id}`,
    );
    expect([removed.status, removed.body]).toEqual([
      507,
      {
        error: {
          code: "insufficient_storage",
          message: "the server's storage is full; try again later",
        },
      },
    ]);
    expect(heard).toEqual([]);
    const members = async () =>
      (await admin.client.get<UserView[]>(`/api/channels/${general.id}/members`)).body.map(
        (u) => u.handle,
      );
    expect(await members()).toContain("member");

    rmSync(filler);
    const again = await admin.client.delete(
      `/api/channels/${general.id}/members/${member.user.id}`,
    );
    expect(again.status).toBe(204);
    expect(await members()).not.toContain("member");
    expect(heard).toEqual([
      { kind: "member-removed", userId: member.user.id, channelId: general.id },
    ]);
  });
});
