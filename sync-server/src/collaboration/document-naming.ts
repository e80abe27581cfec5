// Hocuspocus extension that refuses connections to kinds of document the
// server does not hold: names are `channel:<id>` or `thread:<channelId>:<threadId>`.
// Only the kind is judged here, from the prefix alone: a name of a known kind
// that does not parse strictly is refused by Authentication with the same
// denial as an unknown or forbidden channel, so its parts leak nothing.
import type { Extension, onConnectPayload } from "@hocuspocus/server";
import {
  CHANNEL_DOCUMENT_PREFIX,
  CONNECTION_DENIALS,
  parseDocumentName,
  THREAD_DOCUMENT_PREFIX,
} from "@openvibe/schema";
import { ConnectionDenied } from "./connection-denied.ts";

export class UnknownDocumentError extends ConnectionDenied {
  constructor(documentName: string) {
    super(
      CONNECTION_DENIALS.unknownDocument,
      `unknown document "${documentName}": documents are named channel:<channelId> or thread:<channelId>:<threadId>`,
    );
    this.name = "UnknownDocumentError";
  }
}

export class DocumentNaming implements Extension {
  readonly extensionName = "openvibe-document-naming";

  async onConnect({ documentName }: onConnectPayload): Promise<void> {
    const known = [CHANNEL_DOCUMENT_PREFIX, THREAD_DOCUMENT_PREFIX].some((prefix) =>
      documentName.startsWith(prefix),
    );
    if (!known) throw new UnknownDocumentError(documentName);
  }
}

/**
 * The channel a document's content belongs to: a channel document's own, a thread document's
 * from its name (`thread:<channelId>:<threadId>`); null for any other name. What the server
 * does with a channel's messages (search, mentions, push, summaries...) it does alike for both.
 */
export function channelIdOfDocument(documentName: string): string | null {
  return parseDocumentName(documentName)?.channelId ?? null;
}
