// Hocuspocus extension that turns summary requests in channel documents
// ("resolve this fork with a summary", "summarise this thread") into agent
// tasks. Like mentions, it watches every loaded document whoever wrote the
// change, so a request made offline is answered when it reaches the server;
// on load it also catches up on requests still pending in the document.
import {
  observeChannelChanges,
  pendingSummaryRequests,
  type SummaryRequestView,
  type Writer,
} from "@openvibe/schema";
import type * as Y from "yjs";
import { enqueueSummaryTask } from "../agents/summary-tasks.ts";
import type { TaskQueueSignal } from "../agents/task-queue.ts";
import { getChannel } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import type { Logger } from "../logger.ts";
import { featureEnabled } from "../workspace/features.ts";
import { ChannelWatcher } from "./channel-watcher.ts";
import { senderOf } from "./connection-context.ts";
import { writerOf } from "./writer-of.ts";

export interface SummaryRequestsOptions {
  ctx: AppContext;
  queue: TaskQueueSignal;
  logger: Logger;
}

export class SummaryRequests extends ChannelWatcher {
  readonly extensionName = "openvibe-summary-requests";
  private readonly options: SummaryRequestsOptions;

  constructor(options: SummaryRequestsOptions) {
    super();
    this.options = options;
  }

  protected watch(document: Y.Doc, channelId: string): () => void {
    const consider = (requests: readonly SummaryRequestView[], writer?: Writer) => {
      // Runs inside Yjs's update handling: a throw here would break applying the peer's update.
      for (const request of requests) {
        if (writer !== undefined && !writer.actsAs(request.actorId)) {
          // The write guard refuses such an update; with it off (benchmarks) nobody is charged.
          const senderId = writer.actor.id;
          this.options.logger.warn({ channelId, request, senderId }, "summary asked by another");
          continue;
        }
        try {
          this.consider(document, channelId, request);
        } catch (error) {
          this.options.logger.error(
            { err: error, channelId, request },
            "could not queue a summary",
          );
        }
      }
    };
    consider(pendingSummaryRequests(document));
    return observeChannelChanges(document, (changes) => {
      const sender = senderOf(changes.origin);
      consider(
        changes.summaryRequested,
        sender === undefined ? undefined : writerOf(this.options.ctx, sender),
      );
    });
  }

  private consider(doc: Y.Doc, channelId: string, request: SummaryRequestView): void {
    const channel = getChannel(this.options.ctx, channelId);
    if (channel === undefined || !featureEnabled(this.options.ctx, "agents")) return;
    const task = enqueueSummaryTask(this.options.ctx, this.options.queue, doc, channel, request);
    if (task === null) return;
    this.options.logger.info(
      { taskId: task.id, channelId, kind: task.kind, agentId: task.agentId },
      "summary task queued",
    );
  }
}
