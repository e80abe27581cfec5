// Hocuspocus extension that refuses connections to documents the server
// does not know how to hold: only `channel:<id>` documents exist.
import type { Extension, onConnectPayload } from "@hocuspocus/server";
import { parseChannelDocumentName } from "@openvibe/schema";

export class DocumentNaming implements Extension {
  readonly extensionName = "openvibe-document-naming";

  async onConnect({ documentName }: onConnectPayload): Promise<void> {
    if (parseChannelDocumentName(documentName) === null) {
      throw new Error(
        `unknown document "${documentName}": documents are named channel:<channelId>`,
      );
    }
  }
}
