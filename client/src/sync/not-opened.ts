// The server's refusals to open a document that are neither about this person's access nor
// their session: shown where the document would be (ui/NotOpenedNotice.tsx).
import { CONNECTION_DENIALS } from "@openvibe/schema";

const NOT_OPENED = [
  CONNECTION_DENIALS.tooManyDocuments,
  CONNECTION_DENIALS.documentTooNew,
] as const;

export type NotOpenedReason = (typeof NOT_OPENED)[number];

export function isNotOpenedReason(reason: string): reason is NotOpenedReason {
  return (NOT_OPENED as readonly string[]).includes(reason);
}
