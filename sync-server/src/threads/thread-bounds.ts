// Hocuspocus extension that bounds a channel's thread documents. Each thread document is its own
// `maxDocumentBytes`, and any member may open `thread:<channel>:<new id>`, so without a bound a
// channel's storage would grow without limit. A thread document the store does not hold yet
// (a new thread) is refused once its channel holds `maxThreadsPerChannel` of them; existing ones
// always open. It runs after Persistence loaded the document (a stored one has content).
import type { Extension, onLoadDocumentPayload } from "@hocuspocus/server";
import { CONNECTION_DENIALS, parseDocumentName } from "@openvibe/schema";
import { ConnectionDenied } from "../collaboration/connection-denied.ts";
import type { ThreadIndexRows } from "./thread-index-rows.ts";

export class ThreadBounds implements Extension {
  readonly extensionName = "openvibe-thread-bounds";
  private readonly rows: ThreadIndexRows;
  private readonly maxThreadsPerChannel: number;

  constructor(rows: ThreadIndexRows, maxThreadsPerChannel: number) {
    this.rows = rows;
    this.maxThreadsPerChannel = maxThreadsPerChannel;
  }

  async onLoadDocument({ documentName }: onLoadDocumentPayload): Promise<void> {
    const parsed = parseDocumentName(documentName);
    if (parsed?.kind !== "thread" || this.rows.storedThrough(documentName) > 0) return;
    if (this.rows.storedThreadCount(parsed.channelId) < this.maxThreadsPerChannel) return;
    throw new ConnectionDenied(
      CONNECTION_DENIALS.channelFull,
      `channel ${parsed.channelId} holds ${this.maxThreadsPerChannel} thread documents, the most OPENVIBE_MAX_THREADS_PER_CHANNEL allows`,
    );
  }
}
