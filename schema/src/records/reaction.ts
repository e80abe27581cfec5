import { isFiniteNumber } from "./guards.ts";

/**
 * A reaction is one key of the `reactions` map, `${messageId}|${emoji}|${actorId}`, whose value
 * is the wall-clock milliseconds of the reaction. One actor owns each key.
 */
export interface ReactionKey {
  readonly messageId: string;
  readonly emoji: string;
  readonly actorId: string;
}

export function reactionKey(reaction: ReactionKey): string {
  return `${reaction.messageId}|${reaction.emoji}|${reaction.actorId}`;
}

export function parseReactionKey(key: string): ReactionKey | undefined {
  const parts = key.split("|");
  if (parts.length !== 3) return undefined;
  const [messageId, emoji, actorId] = parts;
  if (!messageId || !emoji || !actorId) return undefined;
  return { messageId, emoji, actorId };
}

export const isReactionValue = isFiniteNumber;
