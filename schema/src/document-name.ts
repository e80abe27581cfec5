import { ChannelError } from "./errors.ts";

/** Every channel is one Yjs document named `channel:<channelId>`; no other documents exist. */
export const CHANNEL_DOCUMENT_PREFIX = "channel:";

const CHANNEL_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

export function isChannelId(value: string): boolean {
  return CHANNEL_ID_PATTERN.test(value);
}

export function channelDocumentName(channelId: string): string {
  if (!isChannelId(channelId)) {
    throw new ChannelError("invalid_input", `invalid channel id ${JSON.stringify(channelId)}`, {
      entity: "channel",
      id: channelId,
    });
  }
  return `${CHANNEL_DOCUMENT_PREFIX}${channelId}`;
}

/** The channel id of a document name, or null when the name is not a channel document's. */
export function parseChannelDocumentName(documentName: string): string | null {
  if (!documentName.startsWith(CHANNEL_DOCUMENT_PREFIX)) return null;
  const channelId = documentName.slice(CHANNEL_DOCUMENT_PREFIX.length);
  return isChannelId(channelId) ? channelId : null;
}
