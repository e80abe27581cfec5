// Hocuspocus extension that keeps the search index in step with every loaded channel
// document, whoever changed it. Changed messages are marked dirty per document and written in
// one transaction every `flushMs` (and when the document unloads or the server stops), so an
// agent reply streamed in hundreds of appends is indexed a few times, not per token. A deleted
// message leaves the index at once, inside the change that deleted it.
import type {
  afterLoadDocumentPayload,
  beforeUnloadDocumentPayload,
  Extension,
} from "@hocuspocus/server";
import {
  observeMessageContent,
  parseChannelDocumentName,
  readSearchableMessage,
} from "@openvibe/schema";
import type * as Y from "yjs";
import type { Logger } from "../logger.ts";
import { isIndexable, toIndexRow } from "../search/index-rows.ts";
import type { SearchIndex } from "../search/search-index.ts";

export interface SearchProjectionOptions {
  index: SearchIndex;
  logger: Logger;
  /** How long changes wait to be written together (default 250 ms). */
  flushMs?: number;
}

interface Tracked {
  channelId: string;
  doc: Y.Doc;
  dirty: Set<string>;
  stop: () => void;
}

export class SearchProjection implements Extension {
  readonly extensionName = "openvibe-search-projection";
  private readonly options: SearchProjectionOptions;
  private readonly tracked = new Map<string, Tracked>();
  private timer: NodeJS.Timeout | null = null;

  constructor(options: SearchProjectionOptions) {
    this.options = options;
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const channelId = parseChannelDocumentName(documentName);
    if (channelId === null) return;
    const entry: Tracked = { channelId, doc: document, dirty: new Set(), stop: () => {} };
    entry.stop = observeMessageContent(document, ({ messageIds }) => {
      // Runs inside Yjs's update handling: a throw here would break applying the peer's update.
      try {
        this.changed(entry, messageIds);
      } catch (error) {
        this.options.logger.error({ err: error, channelId }, "could not update the search index");
      }
    });
    this.tracked.set(documentName, entry);
  }

  async beforeUnloadDocument({ documentName }: beforeUnloadDocumentPayload): Promise<void> {
    const entry = this.tracked.get(documentName);
    if (entry === undefined) return;
    this.flushDocument(entry);
    entry.stop();
    this.tracked.delete(documentName);
  }

  /** Writes every pending change now (the server calls it before closing the database). */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    for (const entry of this.tracked.values()) this.flushDocument(entry);
  }

  private changed(entry: Tracked, messageIds: readonly string[]): void {
    for (const id of messageIds) {
      const message = readSearchableMessage(entry.doc, id);
      if (message === undefined || message.deleted) {
        entry.dirty.delete(id);
        this.options.index.remove(id);
      } else {
        entry.dirty.add(id);
      }
    }
    if (entry.dirty.size > 0) this.schedule();
  }

  private schedule(): void {
    if (this.timer !== null) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.flushSafely();
    }, this.options.flushMs ?? 250);
    this.timer.unref();
  }

  private flushSafely(): void {
    try {
      this.flush();
    } catch (error) {
      this.options.logger.error({ err: error }, "could not write the search index");
    }
  }

  private flushDocument(entry: Tracked): void {
    if (entry.dirty.size === 0) return;
    const ids = [...entry.dirty];
    entry.dirty.clear();
    const messages = ids.map((id) => readSearchableMessage(entry.doc, id));
    const rows = messages.filter(isIndexable).map((m) => toIndexRow(entry.channelId, m));
    const removed = ids.filter((_, i) => !isIndexable(messages[i]));
    this.options.index.write(rows, removed);
  }
}
