// Hocuspocus extension that turns summary requests in channel documents
// ("resolve this fork with a summary", "summarise this thread") into agent
// tasks. Like mentions, it watches every loaded document whoever wrote the
// change, so a request made offline is answered when it reaches the server;
// on load it also catches up on requests still pending in the document.
import type {
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  Extension,
} from "@hocuspocus/server";
import {
  observeChannelChanges,
  parseChannelDocumentName,
  pendingSummaryRequests,
  type SummaryRequestView,
} from "@openvibe/schema";
import type * as Y from "yjs";
import { agentsEnabled } from "../agents/agents-enabled.ts";
import { enqueueSummaryTask } from "../agents/summary-tasks.ts";
import type { TaskQueueSignal } from "../agents/task-queue.ts";
import { getChannel } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import type { Logger } from "../logger.ts";

export interface SummaryRequestsOptions {
  ctx: AppContext;
  queue: TaskQueueSignal;
  logger: Logger;
}

export class SummaryRequests implements Extension {
  readonly extensionName = "openvibe-summary-requests";
  private readonly options: SummaryRequestsOptions;
  private readonly unobserve = new Map<string, () => void>();

  constructor(options: SummaryRequestsOptions) {
    this.options = options;
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const channelId = parseChannelDocumentName(documentName);
    if (channelId === null) return;
    const consider = (requests: readonly SummaryRequestView[]) => {
      // Runs inside Yjs's update handling: a throw here would break applying the peer's update.
      for (const request of requests) {
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
    const stop = observeChannelChanges(document, (changes) => consider(changes.summaryRequested));
    this.unobserve.set(documentName, stop);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.unobserve.get(documentName)?.();
    this.unobserve.delete(documentName);
  }

  private consider(doc: Y.Doc, channelId: string, request: SummaryRequestView): void {
    const channel = getChannel(this.options.ctx, channelId);
    if (channel === undefined || !agentsEnabled(this.options.ctx)) return;
    const task = enqueueSummaryTask(this.options.ctx, this.options.queue, doc, channel, request);
    if (task === null) return;
    this.options.logger.info(
      { taskId: task.id, channelId, kind: task.kind, agentId: task.agentId },
      "summary task queued",
    );
  }
}
