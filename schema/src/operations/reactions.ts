import type * as Y from "yjs";
import type { Actor } from "../actors.ts";
import { defaultEnv, type Env } from "../ids.ts";
import { reactionsMap } from "../layout.ts";
import { requireMessage } from "../records/lookup.ts";
import { reactionKey } from "../records/reaction.ts";
import { assertEmoji } from "../validation.ts";
import { assertCanWrite, assertNotDeleted } from "./preconditions.ts";
import { commit } from "./transaction.ts";

export interface ReactionInput {
  readonly messageId: string;
  readonly emoji: string;
}

/** Adds the actor's reaction; reacting twice with the same emoji changes nothing. */
export function react(doc: Y.Doc, actor: Actor, input: ReactionInput, env: Env = defaultEnv): void {
  assertCanWrite(doc, actor);
  assertEmoji(input.emoji);
  assertNotDeleted(requireMessage(doc, input.messageId));
  const key = reactionKey({ messageId: input.messageId, emoji: input.emoji, actorId: actor.id });
  const reactions = reactionsMap(doc);
  if (reactions.has(key)) return;
  const reactedAt = env.now();
  commit(doc, actor, "react", () => reactions.set(key, reactedAt));
}

/** Removes the actor's own reaction; removing one that is not there changes nothing. */
export function unreact(doc: Y.Doc, actor: Actor, input: ReactionInput): void {
  assertCanWrite(doc, actor);
  assertEmoji(input.emoji);
  requireMessage(doc, input.messageId);
  const key = reactionKey({ messageId: input.messageId, emoji: input.emoji, actorId: actor.id });
  const reactions = reactionsMap(doc);
  if (!reactions.has(key)) return;
  commit(doc, actor, "unreact", () => reactions.delete(key));
}
