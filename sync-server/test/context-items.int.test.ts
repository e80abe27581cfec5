// Context items over real HTTP, beyond who may call each route (the permission matrix): a merge
// replaces its items with one, never across channels; the filter and the search box; guests and
// workspace items; an item that follows its channel's membership as it changes; and admins'
// moderation in the audit log.
import type {
  AuditPage,
  ContextItemList,
  ContextItemView,
  SearchAnswerBody,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { addMember, createChannel, removeMember } from "../src/channels/channels.ts";
import type { ApiClient } from "./support/api-client.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

let n = 0;
async function remember(
  client: ApiClient,
  channelId: string,
  text: string,
  scope: "thread" | "channel" | "workspace" = "channel",
): Promise<ContextItemView> {
  n += 1;
  const response = await client.request<ContextItemView>(
    "POST",
    `/api/channels/${channelId}/context-items`,
    { kind: "fact", text, scope, threadId: `thread-${n}`, messageId: `message-${n}` },
  );
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body;
}

const texts = async (client: ApiClient, channelId: string, q = "") => {
  const query = q === "" ? "" : `?q=${encodeURIComponent(q)}`;
  const response = await client.request<ContextItemList>(
    "GET",
    `/api/channels/${channelId}/context-items${query}`,
  );
  return response.status === 200 ? response.body.items.map((item) => item.text) : response.status;
};

/** The context items the search box's answer names for `q`. */
const searched = async (client: ApiClient, q: string) => {
  const response = await client.request<SearchAnswerBody>(
    "GET",
    `/api/search?q=${encodeURIComponent(q)}`,
  );
  expect(response.status).toBe(200);
  return response.body.contextItems.map((item) => item.text);
};

describe("context items", () => {
  it("merge into one new item, within one channel, and filter by every word", async () => {
    const { current } = await startTestServer();
    const { member, general, secret } = await seedWorkspace(current);
    const a = await remember(member.client, general.id, "Deploys happen on Tuesdays");
    const b = await remember(member.client, general.id, "Deploys need two reviewers", "thread");
    const shared = await remember(
      member.client,
      general.id,
      "Releases are named after birds",
      "workspace",
    );
    const hidden = await remember(member.client, secret.id, "Codename mandolin");

    const across = await member.client.request("POST", "/api/context-items/merge", {
      ids: [a.id, hidden.id],
      kind: "decision",
      text: "Both",
    });
    expect(across.status).toBe(409);
    const merged = await member.client.request<ContextItemView>(
      "POST",
      "/api/context-items/merge",
      { ids: [a.id, b.id], kind: "decision", text: "Deploys: Tuesdays, two reviewers" },
    );
    expect(merged.status).toBe(201);
    expect(merged.body).toMatchObject({ scope: "channel", source: "merge", channelId: general.id });
    expect(await texts(member.client, general.id)).toEqual([
      "Deploys: Tuesdays, two reviewers",
      "Releases are named after birds",
    ]);
    expect(await texts(member.client, general.id, "TUESDAYS deploys")).toEqual([
      "Deploys: Tuesdays, two reviewers",
    ]);
    expect(await searched(member.client, "reviewers tuesdays")).toEqual([
      "Deploys: Tuesdays, two reviewers",
    ]);
    // A filter narrows messages; items are not among them.
    expect(await searched(member.client, "in:#general tuesdays")).toEqual([]);
    await remember(member.client, general.id, "Uptime was 100% in May");
    expect(await texts(member.client, general.id, "100%")).toEqual(["Uptime was 100% in May"]);
    expect(await texts(member.client, general.id, "1_0%")).toEqual([]);
    expect(shared.channelId).toBeNull();
  });

  it("makes an item once from a request sent again (queued offline, its answer lost)", async () => {
    const { current } = await startTestServer();
    const { admin, member, general } = await seedWorkspace(current);
    const body = {
      kind: "decision",
      text: "Launch on the 9th",
      scope: "channel",
      threadId: "thread-again",
      messageId: "message-again",
      itemId: "0b9f6c1e-5a4d-4e0b-9a57-3f1c2d4e5f60",
    };
    const path = `/api/channels/${general.id}/context-items`;
    const first = await member.client.request<ContextItemView>("POST", path, body);
    const again = await member.client.request<ContextItemView>("POST", path, body);
    expect(first.body.id).toBe(body.itemId);
    expect(again.body).toEqual(first.body);
    expect(await texts(member.client, general.id)).toEqual(["Launch on the 9th"]);
    // Someone else's request cannot take the id over.
    const taken = await admin.client.request("POST", path, body);
    expect(taken.status).toBe(409);
  });

  it("are read only by those who can read their scope, as memberships change", async () => {
    const { current } = await startTestServer();
    const { admin, member, guest, general, secret } = await seedWorkspace(current);
    const room = createChannel(current.ctx, admin.user, {
      name: "war-room",
      topic: "",
      visibility: "private",
    });
    addMember(current.ctx, admin.user, room.id, member.user.id);
    const item = await remember(member.client, room.id, "The plan is tidal", "channel");
    await remember(member.client, secret.id, "Everyone knows this", "channel");
    await remember(admin.client, room.id, "Admins moderate", "channel");

    // A guest of the private channel reads its items, not the workspace's.
    await remember(member.client, general.id, "For members only", "workspace");
    expect(await texts(guest.client, secret.id)).toEqual(["Everyone knows this"]);
    expect(await texts(member.client, secret.id)).toEqual([
      "For members only",
      "Everyone knows this",
    ]);

    expect(await searched(guest.client, "members only")).toEqual([]);
    expect(await searched(member.client, "members only")).toEqual(["For members only"]);
    expect(await searched(member.client, "tidal")).toEqual(["The plan is tidal"]);

    removeMember(current.ctx, admin.user, room.id, member.user.id);
    expect(await texts(member.client, room.id)).toBe(404);
    expect(await searched(member.client, "tidal")).toEqual([]);
    const edit = await member.client.request("PATCH", `/api/context-items/${item.id}`, {
      text: "changed",
    });
    expect(edit.status).toBe(404);
    // Admins moderate what they can read.
    const moderated = await admin.client.request("DELETE", `/api/context-items/${item.id}`);
    expect(moderated.status).toBe(204);
    const audit = await admin.client.request<AuditPage>("GET", "/api/audit");
    expect(audit.body.entries[0]).toMatchObject({
      action: "context_item.deleted",
      actorId: admin.user.id,
      targetId: item.id,
      details: { authorId: member.user.id, text: "The plan is tidal" },
    });
  });
});
