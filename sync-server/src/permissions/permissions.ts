// Every permission decision in one module. HTTP routes and the WebSocket
// authentication both ask these functions; nothing else decides who may do
// what. They are pure: callers pass the facts (user, channel, membership).
import type { ChannelVisibility } from "@openvibe/schema";
import type { UserRecord } from "../accounts/principal.ts";

export interface ChannelFacts {
  visibility: ChannelVisibility;
  archived: boolean;
  createdBy: string;
}

/**
 * What a user may do with a channel's document. "react" reads and writes only the user's own
 * reactions: the connection is writable, and the write guard checks every update it sends.
 */
export type DocumentAccess = "write" | "react" | "read" | "none";

type Subject = Pick<UserRecord, "id" | "role" | "status" | "kind">;

export function isActive(user: Subject): boolean {
  return user.status === "active";
}

export function isAdmin(user: Subject): boolean {
  return isActive(user) && user.role === "admin";
}

/** Invites, roles, deactivation, agents, settings, audit log. */
export function canManageWorkspace(user: Subject): boolean {
  return isAdmin(user);
}

/** Whether the channel's existence, name and topic may be shown to the user. */
export function canSeeChannel(user: Subject, channel: ChannelFacts, isMember: boolean): boolean {
  if (!isActive(user)) return false;
  if (channel.visibility === "direct") return isMember;
  if (user.role === "admin" || isMember) return true;
  return channel.visibility === "public" && user.role !== "guest";
}

/**
 * Document access: members of the channel (admins: every channel but direct messages) write;
 * guests react; archived channels are read only for everyone.
 */
export function documentAccess(
  user: Subject,
  channel: ChannelFacts,
  isMember: boolean,
): DocumentAccess {
  if (!isActive(user)) return "none";
  if (!isMember && (user.role !== "admin" || channel.visibility === "direct")) return "none";
  if (channel.archived) return "read";
  return user.role === "guest" ? "react" : "write";
}

/** Reading a channel's messages anywhere (its document, search results, counts, snippets). */
export function canReadChannelContent(
  user: Subject,
  channel: ChannelFacts,
  isMember: boolean,
): boolean {
  return documentAccess(user, channel, isMember) !== "none";
}

export function canCreateChannel(user: Subject): boolean {
  return isActive(user) && user.role !== "guest";
}

/** Starting a direct message, and being in one: active people and agents, not guests. */
export function canBeInDirectMessage(user: Subject): boolean {
  return isActive(user) && user.role !== "guest";
}

/** Joining by oneself: public, not archived, not a guest (guests are added by admins). */
export function canJoinChannel(user: Subject, channel: ChannelFacts): boolean {
  return (
    isActive(user) && user.role !== "guest" && channel.visibility === "public" && !channel.archived
  );
}

/** Rename and set the topic (a direct message is named by its people). */
export function canEditChannel(user: Subject, channel: ChannelFacts, isMember: boolean): boolean {
  if (channel.visibility === "direct") return false;
  if (isAdmin(user)) return true;
  return isActive(user) && isMember && user.role === "member" && !channel.archived;
}

export function canArchiveChannel(user: Subject, channel: ChannelFacts): boolean {
  if (channel.visibility === "direct") return false;
  return (
    isAdmin(user) || (isActive(user) && user.role === "member" && channel.createdBy === user.id)
  );
}

/**
 * Adding someone else: admins anyone; members of the channel other non-guests. A direct
 * message's people are fixed (other people make another direct message).
 */
export function canAddMember(
  actor: Subject,
  channel: ChannelFacts,
  actorIsMember: boolean,
  target: Subject,
): boolean {
  if (!isActive(target) || channel.visibility === "direct") return false;
  if (isAdmin(actor)) return true;
  return (
    isActive(actor) &&
    actor.role === "member" &&
    actorIsMember &&
    !channel.archived &&
    target.role !== "guest"
  );
}

/**
 * Removing a member: admins, the channel's creator, or the member themself (leaving); nobody
 * from a direct message.
 */
export function canRemoveMember(actor: Subject, channel: ChannelFacts, target: Subject): boolean {
  if (channel.visibility === "direct") return false;
  if (isAdmin(actor)) return true;
  if (!isActive(actor)) return false;
  return actor.id === target.id || (actor.role === "member" && channel.createdBy === actor.id);
}

/** API keys: admins for anyone (agents included), members for themselves. */
export function canManageApiKeysOf(actor: Subject, owner: Subject): boolean {
  if (isAdmin(actor)) return true;
  return (
    isActive(actor) && actor.role === "member" && actor.kind === "human" && actor.id === owner.id
  );
}
