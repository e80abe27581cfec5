// Which live document connections an access change ends, and with which
// close code. Pure, so the rules are easy to read and to test.
import { CLOSE_CODES } from "@openvibe/schema";
import type { AccessChange } from "../permissions/access-changes.ts";
import type { ConnectionContext } from "./connection-context.ts";

export type CloseCode = (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES];

/** The close code for a connection the change affects, or null when it does not. */
export function closeCodeFor(
  change: AccessChange,
  { principal, channelId }: ConnectionContext,
): CloseCode | null {
  const { user, via } = principal;
  const ownChange = "userId" in change && change.userId === user.id;
  switch (change.kind) {
    case "user-deactivated":
      return ownChange ? CLOSE_CODES.sessionEnded : null;
    case "sessions-ended":
      return ownChange &&
        via.kind === "session" &&
        (change.sessionId === undefined || change.sessionId === via.sessionId)
        ? CLOSE_CODES.sessionEnded
        : null;
    case "api-key-revoked":
      return via.kind === "api-key" && via.apiKeyId === change.apiKeyId
        ? CLOSE_CODES.sessionEnded
        : null;
    case "role-changed":
      return ownChange ? CLOSE_CODES.permissionsChanged : null;
    case "member-removed":
      return ownChange && change.channelId === channelId ? CLOSE_CODES.accessRevoked : null;
    case "channel-changed":
      return change.channelId === channelId ? CLOSE_CODES.permissionsChanged : null;
    case "channel-created":
    case "channel-edited":
    case "member-added":
    case "person-changed":
    case "settings-changed":
    case "context-items-changed":
      return null;
  }
}
