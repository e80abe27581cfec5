// Every permission decision in one module. HTTP routes and the WebSocket
// authentication both ask these functions; nothing else decides who may do
// what. They are pure: callers pass the facts (user, channel, membership).
import type { UserRecord } from "../accounts/principal.ts";

export interface ChannelFacts {
  visibility: "public" | "private";
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
  if (user.role === "admin" || isMember) return true;
  return channel.visibility === "public" && user.role !== "guest";
}

/**
 * Document access: members of the channel (admins: every channel) write; guests react; archived
 * channels are read only for everyone.
 */
export function documentAccess(
  user: Subject,
  channel: ChannelFacts,
  isMember: boolean,
): DocumentAccess {
  if (!isActive(user)) return "none";
  if (!isMember && user.role !== "admin") return "none";
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

/** Joining by oneself: public, not archived, not a guest (guests are added by admins). */
export function canJoinChannel(user: Subject, channel: ChannelFacts): boolean {
  return (
    isActive(user) && user.role !== "guest" && channel.visibility === "public" && !channel.archived
  );
}

/** Rename and set the topic. */
export function canEditChannel(user: Subject, channel: ChannelFacts, isMember: boolean): boolean {
  if (isAdmin(user)) return true;
  return isActive(user) && isMember && user.role === "member" && !channel.archived;
}

export function canArchiveChannel(user: Subject, channel: ChannelFacts): boolean {
  return (
    isAdmin(user) || (isActive(user) && user.role === "member" && channel.createdBy === user.id)
  );
}

/** Adding someone else: admins anyone; members of the channel other non-guests. */
export function canAddMember(
  actor: Subject,
  channel: ChannelFacts,
  actorIsMember: boolean,
  target: Subject,
): boolean {
  if (!isActive(target)) return false;
  if (isAdmin(actor)) return true;
  return (
    isActive(actor) &&
    actor.role === "member" &&
    actorIsMember &&
    !channel.archived &&
    target.role !== "guest"
  );
}

/** Removing a member: admins, the channel's creator, or the member themself (leaving). */
export function canRemoveMember(actor: Subject, channel: ChannelFacts, target: Subject): boolean {
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
