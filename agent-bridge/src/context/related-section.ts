// Related messages as the prompt shows them: one attributed line each (where, who, when, what),
// best first, between tags that keep them apart from the conversation, within a token budget.
import type { RelatedMessage } from "@openvibe/schema";
import { firstWithin, participantName } from "../tasks/prompt-lines.ts";

export const RELATED_HEADING = "Related messages elsewhere in the workspace";

function relatedLine(message: RelatedMessage): string {
  const fork = message.forkId === null ? "" : " (side discussion)";
  const where = `#${message.channelName} › ${message.threadTitle}${fork}`;
  const when = message.createdAt.slice(0, 10);
  const text = message.excerpt.replace(/\s+/g, " ").trim();
  return `${where} — ${participantName(message.author)}, ${when}: ${text}`;
}

/** The section for the system prompt, or "" when nothing fits. */
export function relatedSection(related: readonly RelatedMessage[], tokens: number): string {
  const lines = firstWithin(related.map(relatedLine), tokens);
  if (lines.length === 0) return "";
  return [
    `${RELATED_HEADING} (found by searching for the words of the mention; use them only if they help, and say where a fact comes from):`,
    "<related-messages>",
    ...lines,
    "</related-messages>",
  ].join("\n");
}
