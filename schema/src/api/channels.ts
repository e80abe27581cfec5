// Request bodies and views for channels and their members.
import { z } from "zod";
import { channelName, id, topic } from "./fields.ts";
import { type ChannelVisibility, CREATABLE_VISIBILITIES } from "./roles.ts";

export const createChannelRequest = z.strictObject({
  name: channelName,
  topic: topic.default(""),
  visibility: z.enum(CREATABLE_VISIBILITIES).default("public"),
});

/** Fewest and most people in a direct message, its starter included. */
export const DIRECT_MESSAGE_PEOPLE = { min: 2, max: 8 } as const;

/** The others in a direct message (people or agents); the caller is always in it. */
export const openDirectMessageRequest = z.strictObject({
  userIds: z
    .array(id)
    .min(DIRECT_MESSAGE_PEOPLE.min - 1)
    .max(DIRECT_MESSAGE_PEOPLE.max - 1),
});

export const updateChannelRequest = z
  .strictObject({ name: channelName.optional(), topic: topic.optional() })
  .refine((body) => Object.keys(body).length > 0, "change at least one field");

export const addChannelMemberRequest = z.strictObject({ userId: id });

export interface ChannelView {
  id: string;
  /** The Yjs document to open: channel:<id>. */
  documentName: string;
  name: string;
  topic: string;
  visibility: ChannelVisibility;
  archived: boolean;
  /** Whether the caller is a member (may open the document). */
  joined: boolean;
  /** When the caller joined (ISO time); null when not a member. */
  joinedAt: string | null;
  /** Whether the caller may write (member, not guest, not archived). */
  writable: boolean;
  memberCount: number;
  /** A direct message's people (user ids, the caller included); null for other channels. */
  directMembers: string[] | null;
  createdAt: string;
}

export type CreateChannelRequest = z.infer<typeof createChannelRequest>;
export type UpdateChannelRequest = z.infer<typeof updateChannelRequest>;
export type AddChannelMemberRequest = z.infer<typeof addChannelMemberRequest>;
export type OpenDirectMessageRequest = z.infer<typeof openDirectMessageRequest>;
