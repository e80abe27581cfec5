// What an open page is told of an access change: which metadata lists to
// fetch again, or nothing. A person hears of a channel's change only when they
// may see the channel after it, or when it was their own membership; a private
// channel they are not in stays invisible. Pure, like access-change-effects.ts.
import type { MetadataChanged, MetadataList } from "@openvibe/schema";
import type { UserRecord } from "../accounts/principal.ts";
import { canReadWorkspaceItems } from "../context-items/visibility.ts";
import type { AccessChange } from "../permissions/access-changes.ts";
import {
  type ChannelFacts,
  canReadChannelContent,
  canSeeChannel,
} from "../permissions/permissions.ts";

/** The changed channel as the viewer stands to it now; null when it does not exist. */
export interface ChannelStanding {
  facts: ChannelFacts;
  isMember: boolean;
}

type Viewer = Pick<UserRecord, "id" | "role" | "status" | "kind">;

/** The message for `viewer`, or null when the change is nothing they may see. */
export function metadataNoticeFor(
  change: AccessChange,
  viewer: Viewer,
  channel: ChannelStanding | null,
): MetadataChanged | null {
  const sees = channel !== null && canSeeChannel(viewer, channel.facts, channel.isMember);
  switch (change.kind) {
    case "sessions-ended":
    case "api-key-revoked":
      return null;
    case "user-deactivated":
    case "role-changed":
    case "person-changed":
      return notice(["people"]);
    case "settings-changed":
      return notice(["workspace"]);
    case "channel-created":
    case "channel-edited":
    case "channel-changed":
      return sees ? notice(["channels"]) : null;
    case "member-added":
    case "member-removed":
      if (sees) return notice(["channels", "members"], change.channelId);
      return change.userId === viewer.id ? notice(["channels"]) : null;
    case "context-items-changed":
      if (change.channelId === undefined) {
        return canReadWorkspaceItems(viewer) ? notice(["context-items"]) : null;
      }
      return channel !== null && canReadChannelContent(viewer, channel.facts, channel.isMember)
        ? notice(["context-items"], change.channelId)
        : null;
  }
}

function notice(lists: MetadataList[], channelId?: string): MetadataChanged {
  return { type: "metadata-changed", lists, ...(channelId === undefined ? {} : { channelId }) };
}
