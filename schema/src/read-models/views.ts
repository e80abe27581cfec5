import type { Actor } from "../actors.ts";
import type { Stamp } from "../clock.ts";
import type { Attachment } from "../records/attachment.ts";
import type { ForkStatus } from "../records/fork.ts";
import type { MessageKind } from "../records/message.ts";
import type { TaskStatus, TokenUsage } from "../records/task.ts";
import type { ThreadStatus } from "../records/thread.ts";

/**
 * What read models return: plain JSON-serialisable objects (absent values are null), so two
 * replicas holding the same updates produce deep-equal views.
 */

export interface ReactionGroup {
  readonly emoji: string;
  readonly actorIds: readonly string[];
  readonly count: number;
}

export interface ForkMarker {
  readonly forkId: string;
  readonly title: string;
  readonly status: ForkStatus;
  readonly messageCount: number;
}

export interface TaskView {
  readonly taskId: string;
  readonly status: TaskStatus;
  readonly model: string | null;
  readonly usage: TokenUsage | null;
  readonly error: string | null;
  readonly stopReason: string | null;
  readonly updatedAt: Stamp;
  /**
   * A failed or cancelled reply that was retried: the id of the next reply of the same task
   * (a retry writes a new message); null otherwise.
   */
  readonly retriedBy: string | null;
}

export interface MessageView {
  readonly id: string;
  readonly threadId: string;
  readonly forkId: string | null;
  readonly kind: MessageKind;
  readonly summaryOfForkId: string | null;
  readonly author: Actor;
  readonly createdAt: Stamp;
  /** Empty for a deleted message. */
  readonly body: string;
  readonly mentions: readonly string[];
  readonly edited: boolean;
  readonly editedAt: Stamp | null;
  readonly deleted: boolean;
  readonly deletedAt: Stamp | null;
  readonly deletedBy: Actor | null;
  /** The author removed the preview of the message's link. */
  readonly previewRemoved: boolean;
  readonly task: TaskView | null;
  /** By emoji; none are shown on a deleted message. */
  readonly reactions: readonly ReactionGroup[];
  readonly pinned: boolean;
  /** Forks branched from this message, by (createdAt, id). */
  readonly forks: readonly ForkMarker[];
  /** Files attached to it, in the order posted; none on a deleted message. */
  readonly attachments: readonly Attachment[];
}

export interface ThreadSummary {
  readonly id: string;
  readonly title: string;
  readonly status: ThreadStatus;
  readonly createdBy: Actor;
  readonly createdAt: Stamp;
  /** Main-line messages that are not deleted. */
  readonly messageCount: number;
  /** Latest createdAt among the thread's messages, forks included; else the thread's. */
  readonly lastActivityAt: Stamp;
}

export interface ThreadView {
  readonly thread: ThreadSummary;
  /** The main line, by (createdAt, id). */
  readonly messages: readonly MessageView[];
}

export interface ForkResolutionView {
  readonly text: string;
  readonly summaryMessageId: string;
  readonly resolvedBy: Actor;
  readonly resolvedAt: Stamp;
}

export interface ForkSummary {
  readonly id: string;
  readonly threadId: string;
  readonly parentMessageId: string;
  readonly title: string;
  readonly status: ForkStatus;
  readonly createdBy: Actor;
  readonly createdAt: Stamp;
  readonly messageCount: number;
  readonly resolution: ForkResolutionView | null;
  readonly closedBy: Actor | null;
  readonly closedAt: Stamp | null;
}

export interface ForkView {
  readonly fork: ForkSummary;
  /** null when the parent message has not arrived (yet) or is malformed. */
  readonly parent: MessageView | null;
  readonly messages: readonly MessageView[];
}

export interface PinnedMessage {
  readonly message: MessageView;
  readonly pinnedBy: Actor;
  readonly pinnedAt: Stamp;
}
