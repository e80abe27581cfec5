// The message the server sends a page on its own over the socket (a Hocuspocus stateless
// message on one of the page's channel connections) when workspace metadata this person may see
// changed: which lists to fetch again over HTTP. It carries no names or content, only which
// lists, and the channel whose members changed when it is one the person may see.
import { z } from "zod";

/**
 * workspace: name and settings; channels: the channel list; people: people and agents; members: a
 * channel's members; context-items: a channel's context items (with its channelId), or workspace
 * items (without).
 */
export const METADATA_LISTS = [
  "workspace",
  "channels",
  "people",
  "members",
  "context-items",
] as const;

export type MetadataList = (typeof METADATA_LISTS)[number];

export const metadataChanged = z.strictObject({
  type: z.literal("metadata-changed"),
  lists: z.array(z.enum(METADATA_LISTS)).min(1),
  /** With "members" or "context-items": the channel whose list changed. */
  channelId: z.string().optional(),
});

export type MetadataChanged = z.infer<typeof metadataChanged>;

/** The message in a stateless payload, or null for any other payload. */
export function parseMetadataChanged(payload: string): MetadataChanged | null {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return null;
  }
  const parsed = metadataChanged.safeParse(json);
  return parsed.success ? parsed.data : null;
}
