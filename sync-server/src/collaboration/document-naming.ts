// Hocuspocus extension that refuses connections to documents the server
// does not know how to hold: only `channel:<id>` documents exist.
import type { Extension, onConnectPayload } from "@hocuspocus/server";
import { CONNECTION_DENIALS, parseChannelDocumentName } from "@openvibe/schema";
import { ConnectionDenied } from "./connection-denied.ts";

export class UnknownDocumentError extends ConnectionDenied {
  constructor(documentName: string) {
    super(
      CONNECTION_DENIALS.unknownDocument,
      `unknown document "${documentName}": documents are named channel:<channelId>`,
    );
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
