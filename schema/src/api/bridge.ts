// The protocol between the sync server and agent bridges: bridges claim
// tasks (long poll), renew their lease, report the reply message and finish.
// Every call after the claim names the claim's attempt: a bridge acts on a
// task only while no later claim (by any bridge) has taken it over.
import { z } from "zod";
import { FINAL_TASK_STATUSES } from "../records/task.ts";
import type { TaskTools } from "./agent-tools.ts";
import type { AgentConfig } from "./agents.ts";
import { MODEL_PROVIDERS, type TaskProvider } from "./model-providers.ts";

export const TASK_KINDS = ["mention", "fork-summary", "thread-summary"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const claimTaskRequest = z.strictObject({
  /** How long the server may hold the request open waiting for work (long poll). */
  waitMs: z.number().int().min(0).max(30_000).default(25_000),
  /**
   * Tasks this bridge is still working on, never to be handed back to it as claimable: after an
   * outage its lease on them may have run out, and it renews them itself.
   */
  running: z.array(z.string().min(1).max(64)).max(1_000).default([]),
});

/** Which claim of the task a call speaks for (`ClaimedTask.attempt`). */
const attempt = z.number().int().min(1);

/**
 * Renews the lease of this claim. The lease may have run out (the server was down, say): the
 * claim is renewed as long as no other claim took the task meanwhile ("renew if still unclaimed").
 */
export const heartbeatRequest = z.strictObject({ attempt });

export const heartbeatResponse = z.object({
  leaseExpiresAt: z.string(),
  leaseMs: z.number().int().positive(),
  /**
   * The document holding the task's conversation now, as the server decides it: the claim's
   * `documentName` until the channel is split while the claim is held (a server upgraded during
   * an outage), then the thread's document. Absent from servers before split channels.
   */
  documentName: z.string().min(1).optional(),
});

export const replyStartedRequest = z.strictObject({
  attempt,
  messageId: z.string().min(1).max(64),
});

/** Tokens the model reported for one attempt's call, whatever became of its reply. */
export const attemptUsage = z.strictObject({
  attempt,
  model: z.string().max(100).nullable().default(null),
  /** The provider the model was called through; null when none was (nothing to count). */
  provider: z.enum(MODEL_PROVIDERS).nullable().default(null),
  inputTokens: z.number().int().min(0),
  outputTokens: z.number().int().min(0),
});

export const finishTaskRequest = z.strictObject({
  attempt,
  status: z.enum(FINAL_TASK_STATUSES),
  model: z.string().max(100).nullable().default(null),
  /**
   * The tokens behind this reply and the attempt that consumed them: this claim's own call, or
   * an earlier claim's whose finished reply this claim found in the document. Null when not known
   * (an interrupted reply: its claimer reports its usage itself, `usageRequest`). Each attempt's
   * usage is counted once, however often and by whom it is reported.
   */
  usage: attemptUsage.nullable().default(null),
  stopReason: z.string().max(100).nullable().default(null),
  error: z.string().max(2000).nullable().default(null),
});

/**
 * Usage of an attempt this bridge key made, reported after it lost the task (another bridge
 * took it over while the server or the network was away). Accepted whatever the task's state.
 */
export const usageRequest = attemptUsage;

export interface ClaimedTask {
  id: string;
  kind: TaskKind;
  channelId: string;
  documentName: string;
  threadId: string;
  forkId: string | null;
  triggerMessageId: string;
  /** Set when a previous claim had already started a reply (the bridge was interrupted). */
  replyMessageId: string | null;
  /** The attempt that started writing `replyMessageId` (null: none did yet). */
  replyAttempt: number | null;
  /** This claim's number (1 for the first); name it in every later call about the task. */
  attempt: number;
  leaseExpiresAt: string;
  agent: { id: string; handle: string; displayName: string };
  config: AgentConfig;
  /** The provider to call, with its endpoint and key (bridges only ever see the key here). */
  provider: TaskProvider;
  /** The MCP servers the agent may call, with header values opened, and the limits of their use. */
  tools: TaskTools;
  budget: { monthlyTokenBudget: number | null; usedThisMonth: number; exhausted: boolean };
  channel: { name: string; topic: string };
  requester: Participant;
  /** Everyone who may appear in the conversation (members of the channel), to name authors. */
  participants: Participant[];
  /**
   * The channel's pinned messages, oldest pin first (the newest `CHANNEL_PINS_FOR_AGENTS`), read
   * by the server from every thread of the channel: a bridge opens only the task's document.
   */
  pinned: ChannelPin[];
}

/** How many of a channel's pins, the newest, a claimed task carries. */
export const CHANNEL_PINS_FOR_AGENTS = 100;

/** A pinned message as the server read it for a claimed task. */
export interface ChannelPin {
  messageId: string;
  threadId: string;
  authorId: string;
  text: string;
  /** The message's version (`messageVersion`), for the record of what the agent saw. */
  version: string;
}

export interface Participant {
  id: string;
  handle: string;
  displayName: string;
  kind: "human" | "agent";
}

export type ClaimTaskRequest = z.infer<typeof claimTaskRequest>;
export type HeartbeatRequest = z.infer<typeof heartbeatRequest>;
export type HeartbeatResponse = z.infer<typeof heartbeatResponse>;
export type ReplyStartedRequest = z.infer<typeof replyStartedRequest>;
export type AttemptUsage = z.infer<typeof attemptUsage>;
export type FinishTaskRequest = z.infer<typeof finishTaskRequest>;
export type UsageRequest = z.infer<typeof usageRequest>;
