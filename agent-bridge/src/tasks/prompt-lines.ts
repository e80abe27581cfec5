// The pieces prompts are made of: how a person or agent is named, a size estimate, and keeping
// lines within a token budget.
import type { Participant } from "@openvibe/schema";

/** A rough, conservative size estimate: about four characters per token. */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

export function participantName(person: Participant): string {
  return `${person.displayName} (@${person.handle})`;
}

export function nameOf(
  participants: Map<string, Participant>,
  author: { kind: string; id: string },
): string {
  const person = participants.get(author.id);
  if (person !== undefined) return participantName(person);
  return author.kind === "system" ? "system" : author.id;
}

/** Lines from the start until the budget is spent. */
export function firstWithin(lines: readonly string[], tokens: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const text of lines) {
    used += estimateTokens(text) + 1;
    if (used > tokens) break;
    kept.push(text);
  }
  return kept;
}

/** Lines from the end backwards until the budget is spent, returned in order. */
export function newestWithin(lines: readonly string[], tokens: number): string[] {
  return firstWithin([...lines].reverse(), tokens).reverse();
}
