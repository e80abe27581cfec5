// A hit's snippet: the stretch of at most SNIPPET_TOKENS words of its message that FTS5's
// snippet() would choose (fts5_aux.c: a window around each match, 1000 per phrase it shows
// and 1 per repeat, centred on what it holds; or from the start of the sentence holding the
// match, +100, +120 at the text's start), its matches marked, "…" where text is cut. Made
// from the body the ranking already read, instead of a second FTS5 query per page that
// looked every phrase up again for each row.
import { SNIPPET_MATCH_END, SNIPPET_MATCH_START } from "@openvibe/schema";
import { type BodyPhrase, indexedWordTokens, type WordToken } from "./fts-query.ts";
import { phraseAt } from "./relevance.ts";

export const SNIPPET_TOKENS = 24;
const ELLIPSIS = "…";

/** One occurrence of a phrase: the index of the phrase, and its first and last word. */
interface Instance {
  phrase: number;
  first: number;
  last: number;
}

function instancesOf(words: readonly string[], phrases: readonly BodyPhrase[]): Instance[] {
  const instances: Instance[] = [];
  for (let at = 0; at < words.length; at++) {
    phrases.forEach((phrase, index) => {
      if (phraseAt(words, at, phrase))
        instances.push({ phrase: index, first: at, last: at + phrase.words.length - 1 });
    });
  }
  return instances;
}

/** Words that begin a sentence: the first, and each after whitespace after "." or ":". */
function sentenceStarts(text: string, tokens: readonly WordToken[]): number[] {
  const starts: number[] = [];
  tokens.forEach((token, index) => {
    if (index === 0) {
      starts.push(0);
      return;
    }
    let at = token.start - 1;
    while (at >= 0 && " \t\n\r".includes(text[at] ?? "")) at--;
    if (at !== token.start - 1 && (text[at] === "." || text[at] === ":")) starts.push(index);
  });
  return starts;
}

/** How well a window from word `from` shows the matches, and where to start it to centre them. */
function windowScore(instances: readonly Instance[], from: number, wordCount: number) {
  const seen = new Set<number>();
  let score = 0;
  let first = -1;
  let end = 0;
  for (const instance of instances) {
    if (instance.first < from || instance.first >= from + SNIPPET_TOKENS) continue;
    score += seen.has(instance.phrase) ? 1 : 1000;
    seen.add(instance.phrase);
    if (first < 0) first = instance.first;
    end = instance.last + 1;
  }
  let centred = first - Math.trunc((SNIPPET_TOKENS - (end - first)) / 2);
  if (centred + SNIPPET_TOKENS > wordCount) centred = wordCount - SNIPPET_TOKENS;
  return { score, centred: Math.max(0, centred) };
}

function bestStart(text: string, tokens: readonly WordToken[], instances: readonly Instance[]) {
  const starts = tokens.length > SNIPPET_TOKENS ? sentenceStarts(text, tokens) : [];
  let best = { score: 0, start: 0 };
  for (const instance of instances) {
    const around = windowScore(instances, instance.first, tokens.length);
    if (around.score > best.score) best = { score: around.score, start: around.centred };
    const sentence = starts.findLast((start) => start <= instance.first) ?? 0;
    if (starts.length > 0 && sentence < instance.first) {
      const bonus = sentence === 0 ? 120 : 100;
      const fromSentence = windowScore(instances, sentence, tokens.length).score + bonus;
      if (fromSentence > best.score) best = { score: fromSentence, start: sentence };
    }
  }
  return best.start;
}

/** Overlapping occurrences as one marked stretch, in order. */
function markedStretches(instances: readonly Instance[]): { first: number; last: number }[] {
  const stretches: { first: number; last: number }[] = [];
  for (const { first, last } of instances) {
    const open = stretches.at(-1);
    if (open !== undefined && first <= open.last) open.last = Math.max(open.last, last);
    else stretches.push({ first, last });
  }
  return stretches;
}

/** The snippet of an indexed body for a query's phrases (still in index form). */
export function snippetOf(indexText: string, phrases: readonly BodyPhrase[]): string {
  const tokens = indexedWordTokens(indexText);
  const instances = instancesOf(
    tokens.map((token) => token.word),
    phrases,
  );
  const start = bestStart(indexText, tokens, instances);
  const end = Math.min(start + SNIPPET_TOKENS, tokens.length) - 1;
  let text = start > 0 ? ELLIPSIS : "";
  let offset = start > 0 ? (tokens[start]?.start ?? 0) : 0;
  for (const stretch of markedStretches(instances)) {
    const first = tokens[stretch.first];
    const last = tokens[Math.min(stretch.last, end)];
    // A match that begins before the window is not marked at all, as FTS5 does.
    if (stretch.first < start || stretch.first > end || first === undefined || last === undefined)
      continue;
    text += `${indexText.slice(offset, first.start)}${SNIPPET_MATCH_START}`;
    text += `${indexText.slice(first.start, last.end)}${SNIPPET_MATCH_END}`;
    offset = last.end;
  }
  if (end >= tokens.length - 1) return text + indexText.slice(offset);
  return `${text}${indexText.slice(offset, tokens[end]?.end ?? offset)}${ELLIPSIS}`;
}
