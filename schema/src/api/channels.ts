// Request bodies and views for channels and their members.
import { z } from "zod";
import { channelName, id, topic } from "./fields.ts";
import { CHANNEL_VISIBILITIES, type ChannelVisibility } from "./roles.ts";

export const createChannelRequest = z.strictObject({
  name: channelName,
  topic: topic.default(""),
  visibility: z.enum(CHANNEL_VISIBILITIES).default("public"),
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
  /** Whether the caller may write (member, not guest, not archived). */
  writable: boolean;
  memberCount: number;
  createdAt: string;
}

export type CreateChannelRequest = z.infer<typeof createChannelRequest>;
export type UpdateChannelRequest = z.infer<typeof updateChannelRequest>;
export type AddChannelMemberRequest = z.infer<typeof addChannelMemberRequest>;
