import type * as Y from "yjs";
import { plainActor } from "../actors.ts";
import { compareCodeUnits, compareStamps } from "../clock.ts";
import { isDeleted } from "../records/message.ts";
import { toMessageView } from "./message-view.ts";
import { readSnapshot } from "./snapshot.ts";
import type { MessageView, PinnedMessage } from "./views.ts";

/** One message; undefined when unknown or malformed. */
export function getMessage(doc: Y.Doc, messageId: string): MessageView | undefined {
  const snapshot = readSnapshot(doc);
  const message = snapshot.messages.get(messageId);
  return message ? toMessageView(snapshot, message) : undefined;
}

/** Pinned messages that still exist and are not deleted, in the order they were pinned. */
export function listPinned(doc: Y.Doc): PinnedMessage[] {
  const snapshot = readSnapshot(doc);
  const pinned: PinnedMessage[] = [];
  for (const [messageId, pin] of snapshot.pins) {
    const message = snapshot.messages.get(messageId);
    if (message === undefined || isDeleted(message)) continue;
    pinned.push({
      message: toMessageView(snapshot, message),
      pinnedBy: plainActor(pin.by),
      pinnedAt: pin.at,
    });
  }
  return pinned.sort(
    (a, b) => compareStamps(a.pinnedAt, b.pinnedAt) || compareCodeUnits(a.message.id, b.message.id),
  );
}
