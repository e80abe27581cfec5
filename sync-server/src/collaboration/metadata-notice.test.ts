import { describe, expect, it } from "vitest";
import type { AccessChange } from "../permissions/access-changes.ts";
import { type ChannelStanding, metadataNoticeFor } from "./metadata-notice.ts";

const person = (role: "admin" | "member" | "guest") =>
  ({ id: role, role, status: "active", kind: "human" }) as const;

const channel = (visibility: "public" | "private", isMember: boolean): ChannelStanding => ({
  facts: { visibility, archived: false, createdBy: "admin" },
  isMember,
});

const lists = (
  change: AccessChange,
  viewer: ReturnType<typeof person>,
  standing: ChannelStanding | null,
) => metadataNoticeFor(change, viewer, standing)?.lists ?? null;

describe("metadataNoticeFor", () => {
  const created: AccessChange = { kind: "channel-created", channelId: "c" };
  const added: AccessChange = { kind: "member-added", userId: "someone", channelId: "c" };

  it("tells of a private channel only those in it, and admins", () => {
    expect(lists(created, person("member"), channel("private", false))).toBeNull();
    expect(lists(created, person("guest"), channel("private", false))).toBeNull();
    expect(lists(created, person("member"), channel("private", true))).toEqual(["channels"]);
    expect(lists(created, person("admin"), channel("private", false))).toEqual(["channels"]);
    expect(lists(added, person("member"), channel("private", false))).toBeNull();
  });

  it("tells of a public channel everyone but guests outside it", () => {
    expect(lists(created, person("member"), channel("public", false))).toEqual(["channels"]);
    expect(lists(created, person("guest"), channel("public", false))).toBeNull();
    expect(lists(created, person("guest"), channel("public", true))).toEqual(["channels"]);
  });

  it("names the channel whose members changed to those who see it", () => {
    expect(metadataNoticeFor(added, person("member"), channel("private", true))).toEqual({
      type: "metadata-changed",
      lists: ["channels", "members"],
      channelId: "c",
    });
  });

  it("tells people of their own membership, without the channel once they cannot see it", () => {
    const removed: AccessChange = { kind: "member-removed", userId: "member", channelId: "c" };
    expect(metadataNoticeFor(removed, person("member"), channel("private", false))).toEqual({
      type: "metadata-changed",
      lists: ["channels"],
    });
    expect(lists(removed, person("member"), null)).toEqual(["channels"]);
  });

  it("tells of context items those who may read them: the channel's readers, no guest of the workspace's", () => {
    const inChannel: AccessChange = { kind: "context-items-changed", channelId: "c" };
    expect(metadataNoticeFor(inChannel, person("member"), channel("private", true))).toEqual({
      type: "metadata-changed",
      lists: ["context-items"],
      channelId: "c",
    });
    expect(lists(inChannel, person("member"), channel("private", false))).toBeNull();
    expect(lists(inChannel, person("guest"), channel("public", false))).toBeNull();
    expect(lists(inChannel, person("member"), null)).toBeNull();
    const inWorkspace: AccessChange = { kind: "context-items-changed" };
    expect(lists(inWorkspace, person("member"), null)).toEqual(["context-items"]);
    expect(lists(inWorkspace, person("guest"), null)).toBeNull();
  });

  it("tells everyone of people and settings, and no one of sessions and keys", () => {
    const viewer = person("guest");
    expect(lists({ kind: "person-changed", userId: "x" }, viewer, null)).toEqual(["people"]);
    expect(lists({ kind: "role-changed", userId: "x" }, viewer, null)).toEqual(["people"]);
    expect(lists({ kind: "user-deactivated", userId: "x" }, viewer, null)).toEqual(["people"]);
    expect(lists({ kind: "settings-changed" }, viewer, null)).toEqual(["workspace"]);
    expect(lists({ kind: "sessions-ended", userId: "guest" }, viewer, null)).toBeNull();
    const revoked: AccessChange = { kind: "api-key-revoked", userId: "x", apiKeyId: "k" };
    expect(lists(revoked, viewer, null)).toBeNull();
  });

  it("tells nothing of a channel that is gone to those who were not its subject", () => {
    expect(lists({ kind: "channel-edited", channelId: "c" }, person("admin"), null)).toBeNull();
  });
});
