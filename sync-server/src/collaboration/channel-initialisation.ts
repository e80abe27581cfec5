// Hocuspocus extension that gives every channel document its layout and
// schemaVersion once loaded: a new channel (an empty document) is created in the
// split layout (docs/history-split.md), an older one initialised and migrated. It runs after Persistence attached its update listener (it comes
// later in the extension list), so what it writes is stored like any update.
// A document written by a newer server version is refused before anyone
// opens it: this code must not write into it, nor hand it to older clients.
import type {
  afterLoadDocumentPayload,
  Extension,
  onLoadDocumentPayload,
} from "@hocuspocus/server";
import {
  CONNECTION_DENIALS,
  initChannel,
  initSplitChannel,
  isDocumentTooNew,
  migrateChannel,
  parseChannelDocumentName,
} from "@openvibe/schema";
import { ConnectionDenied } from "./connection-denied.ts";

export class ChannelInitialisation implements Extension {
  readonly extensionName = "openvibe-channel-initialisation";

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    if (isDocumentTooNew(document)) {
      throw new ConnectionDenied(
        CONNECTION_DENIALS.documentTooNew,
        `${documentName} was written by a newer OpenVibe server`,
      );
    }
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const channelId = parseChannelDocumentName(documentName);
    if (channelId === null) return;
    // A document with no items at all is a new channel: split from its start.
    if (document.store.clients.size === 0) initSplitChannel(document, channelId);
    // Both are no-ops (no transaction, nothing stored) when the document is current.
    initChannel(document, channelId);
    migrateChannel(document);
  }
}
