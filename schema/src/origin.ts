import { type Actor, isActor } from "./actors.ts";

export const ORIGIN_SOURCES = ["user", "agent", "system", "migration"] as const;

export type OriginSource = (typeof ORIGIN_SOURCES)[number];

export const OPERATION_NAMES = [
  "initChannel",
  "migrateChannel",
  "createThread",
  "setThreadStatus",
  "renameThread",
  "postMessage",
  "editMessage",
  "deleteMessage",
  "removeAttachment",
  "removeLinkPreview",
  "react",
  "unreact",
  "pinMessage",
  "unpinMessage",
  "createFork",
  "resolveFork",
  "abandonFork",
  "startAgentReply",
  "appendToReply",
  "finishAgentReply",
  "startToolStep",
  "runToolStep",
  "finishToolStep",
  "decideToolCall",
  "requestStop",
  "requestForkSummary",
  "requestThreadSummary",
  "recordLateArrivals",
  "importChannelContent",
  "repairThreadIndex",
  "splitChannel",
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

/** The `origin` of every transaction written by this package. */
export interface ChannelOrigin {
  readonly source: OriginSource;
  readonly actor: Actor;
  readonly operation: OperationName;
  readonly taskId?: string;
}

const SOURCE_BY_ACTOR_KIND = { human: "user", agent: "agent", system: "system" } as const;

export function originFor(actor: Actor, operation: OperationName, taskId?: string): ChannelOrigin {
  const source = SOURCE_BY_ACTOR_KIND[actor.kind];
  return taskId === undefined ? { source, actor, operation } : { source, actor, operation, taskId };
}

export function migrationOrigin(actor: Actor): ChannelOrigin {
  return { source: "migration", actor, operation: "migrateChannel" };
}

export function isChannelOrigin(value: unknown): value is ChannelOrigin {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Partial<Record<keyof ChannelOrigin, unknown>>;
  return (
    ORIGIN_SOURCES.some((source) => source === candidate.source) &&
    OPERATION_NAMES.some((operation) => operation === candidate.operation) &&
    isActor(candidate.actor) &&
    (candidate.taskId === undefined || typeof candidate.taskId === "string")
  );
}
