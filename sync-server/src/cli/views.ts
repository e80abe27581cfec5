// How users and API keys read in text output; JSON output uses the API's views.
import type { ApiKeyView, UserView } from "@openvibe/schema";
import type { UserRecord } from "../accounts/principal.ts";
import { toUserView } from "../accounts/users.ts";
import { keyValues, type Output, when } from "./output.ts";

export const USER_HEADERS = ["id", "handle", "name", "kind", "role", "status", "email"];

export function userRow(user: UserView): string[] {
  return [
    user.id,
    `@${user.handle}`,
    user.displayName,
    user.kind,
    user.role,
    user.status,
    user.email ?? "-",
  ];
}

/** One user as shown to `viewer` (an admin sees emails), with a closing line of advice. */
export function userOutput(user: UserRecord, viewer: UserRecord, next: string): Output {
  const view = toUserView(user, viewer);
  const row = userRow(view);
  const entries = USER_HEADERS.map((header, i): [string, string] => [header, row[i] ?? "-"]);
  return { data: view, text: `${keyValues(entries)}\n\n${next}` };
}

export const API_KEY_HEADERS = ["id", "name", "owner", "prefix", "created", "last used", "revoked"];

export function apiKeyRow(key: ApiKeyView, ownerHandle: string): string[] {
  return [
    key.id,
    key.name,
    `@${ownerHandle}`,
    `${key.prefix}…`,
    when(key.createdAt),
    when(key.lastUsedAt),
    when(key.revokedAt),
  ];
}
