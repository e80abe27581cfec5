// The shape of the extensions that follow every loaded channel or thread document on their own
// (summary requests, fork resolutions): start watching when one loads (the channel id from its
// name), stop when it unloads. The projections of messages run together instead (message-projections.ts).
import type {
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  Extension,
} from "@hocuspocus/server";
import type * as Y from "yjs";
import { channelIdOfDocument } from "./document-naming.ts";

export abstract class ChannelWatcher implements Extension {
  abstract readonly extensionName: string;
  private readonly stops = new Map<string, () => void>();

  /** Starts following a channel document just loaded; returns the function that stops it. */
  protected abstract watch(document: Y.Doc, channelId: string): () => void;

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const channelId = channelIdOfDocument(documentName);
    if (channelId === null) return;
    this.stops.set(documentName, this.watch(document, channelId));
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.stops.get(documentName)?.();
    this.stops.delete(documentName);
  }
}
