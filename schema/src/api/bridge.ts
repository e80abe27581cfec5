// The protocol between the sync server and agent bridges: bridges claim
// tasks (long poll), renew their lease, report the reply message and finish.
import { z } from "zod";
import type { AgentConfig } from "./agents.ts";

export const TASK_KINDS = ["mention", "fork-summary", "thread-summary"] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

export const claimTaskRequest = z.strictObject({
  /** How long the server may hold the request open waiting for work (long poll). */
  waitMs: z.number().int().min(0).max(30_000).default(25_000),
});

export const replyStartedRequest = z.strictObject({ messageId: z.string().min(1).max(64) });

export const finishTaskRequest = z.strictObject({
  status: z.enum(["completed", "failed", "cancelled"]),
  model: z.string().max(100).nullable().default(null),
  inputTokens: z.number().int().min(0).default(0),
  outputTokens: z.number().int().min(0).default(0),
  stopReason: z.string().max(100).nullable().default(null),
  error: z.string().max(2000).nullable().default(null),
});

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
  attempt: number;
  leaseExpiresAt: string;
  agent: { id: string; handle: string; displayName: string };
  config: AgentConfig;
  budget: { monthlyTokenBudget: number | null; usedThisMonth: number; exhausted: boolean };
  channel: { name: string; topic: string };
  requester: Participant;
  /** Everyone who may appear in the conversation (members of the channel), to name authors. */
  participants: Participant[];
}

export interface Participant {
  id: string;
  handle: string;
  displayName: string;
  kind: "human" | "agent";
}

export type ClaimTaskRequest = z.infer<typeof claimTaskRequest>;
export type ReplyStartedRequest = z.infer<typeof replyStartedRequest>;
export type FinishTaskRequest = z.infer<typeof finishTaskRequest>;
