// Related messages as the prompt shows them: one attributed line each (where, who, when, what),
// best first, between tags that keep them apart from the conversation, within a token budget.
import type { RelatedMessage } from "@openvibe/schema";
import { firstWithin, participantName } from "../tasks/prompt-lines.ts";

export const RELATED_HEADING = "Related messages elsewhere in the workspace";

/** A hit's excerpt as the prompt has it. */
export function relatedText(message: RelatedMessage): string {
  return message.excerpt.replace(/\s+/g, " ").trim();
}

function relatedLine(message: RelatedMessage): string {
  const fork = message.forkId === null ? "" : " (side discussion)";
  const where = `#${message.channelName} › ${message.threadTitle}${fork}`;
  const when = message.createdAt.slice(0, 10);
  return `${where} — ${participantName(message.author)}, ${when}: ${relatedText(message)}`;
}

export interface RelatedSection {
  /** The section for the system prompt, or "" when nothing fits. */
  text: string;
  /** The hits it shows, best first. */
  shown: RelatedMessage[];
}

export function relatedSection(related: readonly RelatedMessage[], tokens: number): RelatedSection {
  const lines = firstWithin(related.map(relatedLine), tokens);
  if (lines.length === 0) return { text: "", shown: [] };
  const text = [
    `${RELATED_HEADING} (found by searching for the words of the mention; use them only if they help, and say where a fact comes from):`,
    "<related-messages>",
    ...lines,
    "</related-messages>",
  ].join("\n");
  return { text, shown: related.slice(0, lines.length) };
}
