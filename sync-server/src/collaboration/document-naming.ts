// Hocuspocus extension that refuses connections to documents the server
// does not know how to hold: only `channel:<id>` documents exist.
import type { Extension, onConnectPayload } from "@hocuspocus/server";
import { CONNECTION_DENIALS, parseChannelDocumentName } from "@openvibe/schema";

export class UnknownDocumentError extends Error {
  /** Sent to the peer in Hocuspocus's permission-denied message. */
  readonly reason = CONNECTION_DENIALS.unknownDocument;
  constructor(documentName: string) {
    super(`unknown document "${documentName}": documents are named channel:<channelId>`);
    this.name = "UnknownDocumentError";
  }
}

export class DocumentNaming implements Extension {
  readonly extensionName = "openvibe-document-naming";

  async onConnect({ documentName }: onConnectPayload): Promise<void> {
    if (parseChannelDocumentName(documentName) === null)
      throw new UnknownDocumentError(documentName);
  }
}
