// Hocuspocus extension that sets every document up once loaded, before any peer's update applies
// to it (Hocuspocus applies a connection's queued messages after afterLoadDocument). A channel
// document gets its layout and schemaVersion (a new channel, an empty document, is created split:
// the switch, on this branch; an older one migrated); a stored thread document
// gets its meta (channel, thread, schemaVersion) from its name, which peers never write, if it
// lacks it. A thread document with nothing in it does not exist yet: opening it writes nothing,
// and threads/thread-bounds.ts writes its meta with the first write that creates it. It runs
// after Persistence attached its update listener (it comes later in the extension list), so what
// it writes is stored like any update. A document written by a newer server version is refused
// before anyone opens it: this code must not write into it, nor hand it to older clients.
import type {
  afterLoadDocumentPayload,
  Extension,
  onLoadDocumentPayload,
} from "@hocuspocus/server";
import {
  CONNECTION_DENIALS,
  initChannel,
  initSplitChannel,
  initThreadDocument,
  isDocumentTooNew,
  migrateChannel,
  parseDocumentName,
  readDocumentLayout,
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
    const parsed = parseDocumentName(documentName);
    if (parsed === null) return;
    // All are no-ops (no transaction, nothing stored) when the document is current.
    if (parsed.kind === "thread") {
      if (document.store.clients.size > 0) {
        initThreadDocument(document, parsed.channelId, parsed.threadId);
      }
      return;
    }
    // A document with no items at all is a new channel: split from its start.
    if (document.store.clients.size === 0) initSplitChannel(document, parsed.channelId);
    initChannel(document, parsed.channelId);
    if (readDocumentLayout(document) === "one-document") migrateChannel(document);
  }
}
