// How context items are named on screen: their kinds and scopes.
import type { ContextItemKind, ContextScope } from "@openvibe/schema";

export const KIND_LABEL: Record<ContextItemKind, string> = {
  decision: "Decision",
  fact: "Fact",
  action: "Action item",
};

export const SCOPE_LABEL: Record<ContextScope, string> = {
  thread: "This thread",
  channel: "This channel",
  workspace: "The whole workspace",
};

/** Where an item applies, as its line in the Context panel says it. */
export const SCOPE_TAG: Record<ContextScope, string> = {
  thread: "one thread",
  channel: "channel",
  workspace: "workspace",
};

/** A failed request, as a sentence to show. */
export function failureText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
