// The projection that turns @mentions of agents into tasks (run once per turn
// by MessageProjections). It sees every loaded channel document's new messages
// and changed mentions (whoever wrote the change: a person online, a sync of
// offline edits, another agent), as they stand at the end of the turn, and
// queues one task per (message, agent) in the ledger; bridges claim them. Loop guard: agents never
// answer themselves, chains of agents stop at `maxAgentDepth`, and a channel
// gets at most `tasksPerChannelPerMinute` new tasks.
import { FINAL_TASK_STATUSES, type MentionFacts, type Writer } from "@openvibe/schema";
import { findUserByHandle } from "../accounts/users.ts";
import { getAgentConfig } from "../agents/agent-config.ts";
import type { TaskQueueSignal } from "../agents/task-queue.ts";
import { enqueueTask, taskOfReply } from "../agents/tasks.ts";
import { channelFacts, getChannel, isMember } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import type { Logger } from "../logger.ts";
import { documentAccess } from "../permissions/permissions.ts";
import { SlidingWindow } from "../rate-limit/sliding-window.ts";
import { featureEnabled } from "../workspace/features.ts";
import type { ChannelMessageBatch, MessageProjection } from "./message-projections.ts";
import { writersOf } from "./writer-of.ts";

export interface AgentMentionsOptions {
  ctx: AppContext;
  queue: TaskQueueSignal;
  logger: Logger;
  maxAgentDepth: number;
  tasksPerChannelPerMinute: number;
}

export class AgentMentions implements MessageProjection {
  readonly projectionName = "agent mentions";
  private readonly options: AgentMentionsOptions;
  private readonly perChannel = new SlidingWindow(60_000);

  constructor(options: AgentMentionsOptions) {
    this.options = options;
  }

  project(batch: ChannelMessageBatch): void {
    const writers = writersOf(this.options.ctx);
    for (const [messageId, { origin }] of [...batch.added, ...batch.mentionsChanged]) {
      try {
        this.consider(batch, messageId, writers(origin));
      } catch (error) {
        this.options.logger.error(
          { err: error, channelId: batch.channelId, messageId },
          "could not queue agent tasks",
        );
      }
    }
  }

  /** `writer`: who sent the update that brought the message (undefined: the server's own). */
  private consider(
    batch: ChannelMessageBatch,
    messageId: string,
    writer: Writer | undefined,
  ): void {
    const { channelId } = batch;
    const message = batch.mentionFacts(messageId);
    if (message === undefined || message.mentions.length === 0) return;
    if (writer !== undefined && !writer.actsAs(message.author.id)) {
      // The write guard refuses such an update; with it off (benchmarks) nobody is charged.
      const senderId = writer.actor.id;
      this.options.logger.warn({ channelId, messageId, senderId }, "mention sent by another");
      return;
    }
    if (!featureEnabled(this.options.ctx, "agents")) return;
    // A reply still streaming has no mentions yet; they are parsed when it finishes.
    if (
      message.taskStatus !== null &&
      !(FINAL_TASK_STATUSES as readonly string[]).includes(message.taskStatus)
    )
      return;
    const depth = this.depthOf(message);
    if (depth > this.options.maxAgentDepth) {
      this.options.logger.info(
        { channelId, messageId, depth },
        "agent chain too deep: not answering",
      );
      return;
    }
    for (const handle of message.mentions) this.queueFor(channelId, message, handle, depth);
  }

  private depthOf(message: MentionFacts): number {
    if (message.author.kind !== "agent") return 0;
    return (taskOfReply(this.options.ctx, message.id)?.depth ?? 0) + 1;
  }

  private queueFor(channelId: string, message: MentionFacts, handle: string, depth: number): void {
    const { ctx, logger } = this.options;
    const agent = findUserByHandle(ctx, handle);
    if (agent === undefined || agent.kind !== "agent" || agent.id === message.author.id) return;
    const channel = getChannel(ctx, channelId);
    if (channel === undefined || !getAgentConfig(ctx, agent.id).enabled) return;
    if (
      documentAccess(agent, channelFacts(channel), isMember(ctx, channelId, agent.id)) !== "write"
    )
      return;
    if (this.perChannel.waitMs(channelId, this.options.tasksPerChannelPerMinute) > 0) {
      logger.warn(
        { channelId, messageId: message.id, agent: handle },
        "channel over its agent rate limit",
      );
      return;
    }
    const task = enqueueTask(ctx, this.options.queue, {
      kind: "mention",
      agentId: agent.id,
      channelId,
      threadId: message.threadId,
      forkId: message.forkId,
      triggerMessageId: message.id,
      requestedBy: message.author.id,
      depth,
    });
    if (task === null) return;
    this.perChannel.record(channelId);
    logger.info({ taskId: task.id, channelId, agent: handle, depth }, "agent task queued");
  }
}
