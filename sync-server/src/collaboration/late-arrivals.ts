// Hocuspocus extension that marks messages written offline. The server is the first to receive
// every message, so it is the one peer that knows when a message really arrived: when that is
// long after the message's stamp (see LATE_ARRIVAL_THRESHOLD_MS), it records the arrival time in
// the document, and every peer shows the message as "sent while offline" — the author's own
// browser too, and whoever opens the channel later.
import { observeChannelChanges, recordLateArrivals } from "@openvibe/schema";
import type * as Y from "yjs";
import type { Logger } from "../logger.ts";
import { ChannelWatcher } from "./channel-watcher.ts";

export interface LateArrivalsOptions {
  logger: Logger;
  /** The server's clock (tests move it). */
  now?: () => number;
}

export class LateArrivals extends ChannelWatcher {
  readonly extensionName = "openvibe-late-arrivals";
  private readonly options: LateArrivalsOptions;

  constructor(options: LateArrivalsOptions) {
    super();
    this.options = options;
  }

  protected watch(document: Y.Doc, channelId: string): () => void {
    return observeChannelChanges(document, ({ addedMessages }) => {
      if (addedMessages.length === 0) return;
      const receivedAt = (this.options.now ?? Date.now)();
      // Written as a change of its own once the peer's update is applied, never inside it.
      queueMicrotask(() => this.record(document, channelId, addedMessages, receivedAt));
    });
  }

  private record(
    doc: Y.Doc,
    channelId: string,
    messageIds: readonly string[],
    receivedAt: number,
  ): void {
    try {
      const late = recordLateArrivals(doc, messageIds, receivedAt);
      if (late.length > 0) {
        this.options.logger.debug(
          { channelId, messages: late.length },
          "messages sent while offline",
        );
      }
    } catch (error) {
      this.options.logger.error({ err: error, channelId }, "could not record late arrivals");
    }
  }
}
