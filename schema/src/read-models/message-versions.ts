import type * as Y from "yjs";
import { compareCodeUnits, compareStamps } from "../clock.ts";
import { messageVersionsMap } from "../layout.ts";
import { findMessage } from "../records/lookup.ts";
import { isDeleted } from "../records/message.ts";
import { isMessageVersionRecord, type MessageVersionRecord } from "../records/message-version.ts";

export interface MessageVersionView extends MessageVersionRecord {
  readonly id: string;
}

/**
 * The earlier texts of a message, oldest first (by when each was replaced); none for a deleted
 * message.
 */
export function messageVersionsOf(doc: Y.Doc, messageId: string): MessageVersionView[] {
  const message = findMessage(doc, messageId);
  if (message === undefined || isDeleted(message)) return [];
  const versions: MessageVersionView[] = [];
  messageVersionsMap(doc).forEach((value, id) => {
    if (isMessageVersionRecord(value) && value.messageId === messageId) {
      versions.push({ ...value, id });
    }
  });
  return versions.sort(
    (a, b) => compareStamps(a.replacedAt, b.replacedAt) || compareCodeUnits(a.id, b.id),
  );
}
