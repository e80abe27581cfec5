import { ROOT_NAMES } from "../layout.ts";
import { MAX_EMOJI_LENGTH } from "../validation.ts";
import { ownKeyedValue, type RootWriteRule } from "../write-rules/entry-write.ts";
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

/**
 * Whether an entry of a root map (root name and key, as the server's write guard reads them
 * from an update) is a reaction that `actorId` owns.
 */
export function isOwnReactionEntry(root: string, key: string, actorId: string): boolean {
  return root === ROOT_NAMES.reactions && parseReactionKey(key)?.actorId === actorId;
}

/** The key's owner, for a key whose emoji fits MAX_EMOJI_LENGTH. */
function reactionOwner(key: string): string | undefined {
  const reaction = parseReactionKey(key);
  return reaction !== undefined && reaction.emoji.length <= MAX_EMOJI_LENGTH
    ? reaction.actorId
    : undefined;
}

/** Anyone who may open the channel writable (guests too) adds and removes only their own. */
export const reactionWrites: RootWriteRule = {
  entries: "value",
  check: ownKeyedValue(reactionOwner, isReactionValue, () => true),
};
