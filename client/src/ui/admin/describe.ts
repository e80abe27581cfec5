// How admin pages put dates and states into words.
import type { ApiKeyView, InviteView } from "@openvibe/schema";

const DATE = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

export function formatDate(iso: string | null): string {
  return iso === null ? "never" : DATE.format(new Date(iso));
}

export type InviteState = "active" | "revoked" | "expired" | "used up";

export function inviteState(invite: InviteView, nowMs: number): InviteState {
  if (invite.revokedAt !== null) return "revoked";
  if (Date.parse(invite.expiresAt) <= nowMs) return "expired";
  if (invite.maxUses !== null && invite.uses >= invite.maxUses) return "used up";
  return "active";
}

export function keyState(key: ApiKeyView): "active" | "revoked" {
  return key.revokedAt === null ? "active" : "revoked";
}
