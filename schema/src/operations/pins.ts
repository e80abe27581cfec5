import type * as Y from "yjs";
import { type Actor, plainActor } from "../actors.ts";
import { ChannelError } from "../errors.ts";
import { defaultEnv, type Env } from "../ids.ts";
import { pinsMap } from "../layout.ts";
import { requireMessage } from "../records/lookup.ts";
import { isPinRecord, type PinRecord } from "../records/pin.ts";
import { assertCanWrite, assertNotDeleted, assertOwner, type Moderation } from "./preconditions.ts";
import { nextThreadStamp } from "./stamps.ts";
import { commit } from "./transaction.ts";

export interface PinInput {
  readonly messageId: string;
}

/** Pins a message. A message already pinned (by anyone) stays pinned by whoever pinned it. */
export function pinMessage(doc: Y.Doc, actor: Actor, input: PinInput, env: Env = defaultEnv): void {
  assertCanWrite(doc, actor);
  const message = requireMessage(doc, input.messageId);
  assertNotDeleted(message);
  const pins = pinsMap(doc);
  if (isPinRecord(pins.get(message.id))) return;
  const pin: PinRecord = { by: plainActor(actor), at: nextThreadStamp(doc, message.threadId, env) };
  commit(doc, actor, "pinMessage", () => pins.set(message.id, pin));
}

export interface UnpinInput extends PinInput, Moderation {}

/** Only whoever pinned a message (or a moderator) unpins it: the pin entry is theirs. */
export function unpinMessage(doc: Y.Doc, actor: Actor, input: UnpinInput): void {
  assertCanWrite(doc, actor);
  const pins = pinsMap(doc);
  const pin = pins.get(input.messageId);
  if (pin === undefined) {
    throw new ChannelError(
      "not_found",
      `message ${JSON.stringify(input.messageId)} is not pinned`,
      {
        entity: "pin",
        id: input.messageId,
      },
    );
  }
  if (isPinRecord(pin)) assertOwner(actor, pin.by, input, "unpin a message");
  commit(doc, actor, "unpinMessage", () => pins.delete(input.messageId));
}
