// GET /api/mentions: the caller's mentions inbox, kept by the server from every channel document,
// so a browser lists mentions without holding the channels' documents.
import { z } from "zod";
import type { Stamp } from "../clock.ts";
import type { SearchHit } from "./search.ts";

export const mentionsQuery = z.object({
  /** `nextCursor` of the previous page. */
  cursor: z
    .string()
    .regex(/^\d{15}\.\d{6}~\d{1,15}$/, "cursor: pass nextCursor of the previous page")
    .optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});

export type MentionsQuery = z.infer<typeof mentionsQuery>;

/** Where a mentioning message is and who wrote it, as search hits say it. */
export interface MentionItem
  extends Pick<
    SearchHit,
    "messageId" | "channelId" | "channelName" | "threadId" | "threadTitle" | "forkId" | "author"
  > {
  createdAt: Stamp;
  /** The start of the message's text, plain (render as text). */
  excerpt: string;
}

export interface MentionsPage {
  /** Newest first: messages by others that name the caller's handle, in channels they can read. */
  mentions: MentionItem[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}
