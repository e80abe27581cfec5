// Workspace roles. Admins manage everything; members read and write the
// channels they belong to; guests read (and, once the write guard lands,
// react) in the channels they were added to.

export const ROLES = ["admin", "member", "guest"] as const;
export type Role = (typeof ROLES)[number];

export const USER_KINDS = ["human", "agent"] as const;
export type UserKind = (typeof USER_KINDS)[number];

/**
 * Public channels anyone (but guests) may join; private ones only by being added; direct
 * messages between a fixed set of two to eight people, seen by them alone (admins included).
 */
export const CHANNEL_VISIBILITIES = ["public", "private", "direct"] as const;
export type ChannelVisibility = (typeof CHANNEL_VISIBILITIES)[number];
/** What someone creating a channel picks: direct messages are started, not created. */
export const CREATABLE_VISIBILITIES = ["public", "private"] as const;
