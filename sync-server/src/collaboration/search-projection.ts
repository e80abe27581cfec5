// Hocuspocus extension that keeps the search index in step with every loaded channel
// document, whoever changed it. Changed messages are marked dirty per document and written
// every `flushMs` (and when the document unloads or the server stops), so an agent reply
// streamed in hundreds of appends is indexed a few times, not per token. A timed flush writes
// at most `chunk` messages per transaction and yields to the event loop between chunks: a busy
// channel's few hundred messages would otherwise hold peers' updates for tens of milliseconds.
// A message stays dirty until a write of it succeeded. A deleted message leaves the index at
// once, inside the change that deleted it.
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
  /** Most messages a timed flush writes per transaction (default 64). */
  chunk?: number;
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
  private scheduled: { cancel: () => void } | null = null;

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
    this.flushDocument(entry, Number.POSITIVE_INFINITY);
    entry.stop();
    this.tracked.delete(documentName);
  }

  /** Writes every pending change now (the server calls it before closing the database). */
  flush(): void {
    this.scheduled?.cancel();
    this.scheduled = null;
    for (const entry of this.tracked.values()) this.flushDocument(entry, Number.POSITIVE_INFINITY);
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
    if (entry.dirty.size > 0) this.schedule(this.options.flushMs ?? 250);
  }

  private schedule(delayMs: number): void {
    if (this.scheduled !== null) return;
    const run = () => {
      this.scheduled = null;
      this.flushChunk();
    };
    if (delayMs === 0) {
      const handle = setImmediate(run);
      this.scheduled = { cancel: () => clearImmediate(handle) };
    } else {
      const handle = setTimeout(run, delayMs);
      handle.unref();
      this.scheduled = { cancel: () => clearTimeout(handle) };
    }
  }

  /** Writes one chunk; the next one follows on the next turn. */
  private flushChunk(): void {
    let budget = this.options.chunk ?? 64;
    try {
      for (const entry of this.tracked.values()) {
        budget -= this.flushDocument(entry, budget);
        if (budget <= 0) break;
      }
    } catch (error) {
      this.options.logger.error({ err: error }, "could not write the search index");
      // Left dirty: tried again after the usual delay.
      this.schedule(this.options.flushMs ?? 250);
      return;
    }
    if ([...this.tracked.values()].some((entry) => entry.dirty.size > 0)) this.schedule(0);
  }

  /** Writes up to `limit` of the document's dirty messages in one transaction; returns how many. */
  private flushDocument(entry: Tracked, limit: number): number {
    if (entry.dirty.size === 0 || limit <= 0) return 0;
    const ids: string[] = [];
    for (const id of entry.dirty) {
      if (ids.length >= limit) break;
      ids.push(id);
    }
    const messages = ids.map((id) => readSearchableMessage(entry.doc, id));
    const rows = messages.filter(isIndexable).map((m) => toIndexRow(entry.channelId, m));
    const removed = ids.filter((_, i) => !isIndexable(messages[i]));
    this.options.index.write(rows, removed);
    for (const id of ids) entry.dirty.delete(id);
    return ids.length;
  }
}
