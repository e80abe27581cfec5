// Read positions over real HTTP: later stamps win per key, hidden channels are ignored and
// never listed, and a position disappears from the list when its channel can no longer be read.
import { formatStamp, type ReadPositionView } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { removeMember } from "../src/channels/channels.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

const at = (ms: number) => formatStamp(1_700_000_000_000 + ms);

describe("read positions", () => {
  it("keeps the later stamp per thread and per channel", async () => {
    const { current } = await startTestServer();
    const { member, general } = await seedWorkspace(current);
    const path = "/api/me/read-positions";
    expect((await member.client.get(path)).body).toEqual([]);

    const first = await member.client.put<ReadPositionView[]>(path, [
      { channelId: general.id, threadId: "t1", stamp: at(20) },
      { channelId: general.id, threadId: null, stamp: at(5) },
    ]);
    expect(first.status).toBe(200);
    const later = await member.client.put<ReadPositionView[]>(path, [
      { channelId: general.id, threadId: "t1", stamp: at(10) },
      { channelId: general.id, threadId: "t2", stamp: at(30) },
      { channelId: general.id, threadId: null, stamp: at(7) },
    ]);
    const byKey = (list: ReadPositionView[]) =>
      Object.fromEntries(list.map((p) => [`${p.threadId ?? "*"}`, p.stamp]));
    expect(byKey(later.body)).toEqual({ t1: at(20), t2: at(30), "*": at(7) });
    expect(byKey((await member.client.get<ReadPositionView[]>(path)).body)).toEqual(
      byKey(later.body),
    );
  });

  it("ignores channels the caller cannot read and validates the body", async () => {
    const { current } = await startTestServer();
    const { admin, outsider, member, secret } = await seedWorkspace(current);
    const path = "/api/me/read-positions";
    const hidden = { channelId: secret.id, threadId: "t1", stamp: at(1) };
    const missing = { channelId: "no-such-channel", threadId: null, stamp: at(1) };
    const put = await outsider.client.put<ReadPositionView[]>(path, [hidden, missing]);
    expect(put.status).toBe(200);
    expect(put.body).toEqual([]);

    await member.client.put(path, [hidden]);
    expect((await member.client.get<ReadPositionView[]>(path)).body).toHaveLength(1);
    removeMember(current.ctx, admin.user, secret.id, member.user.id);
    expect((await member.client.get<ReadPositionView[]>(path)).body).toEqual([]);

    const bad = await member.client.put(path, [{ channelId: secret.id, threadId: 3, stamp: "x" }]);
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({
      error: { issues: [{ path: "0.threadId" }, { path: "0.stamp" }] },
    });
  });
});
