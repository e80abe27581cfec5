// A parsed search (see parseSearchQuery) as MiniSearch queries plus the checks the index cannot
// make: phrases and CJK runs must be consecutive words, and the filters.
import type { ParsedSearchQuery, SearchFilters } from "@openvibe/schema";
import { foldTerm, tokenize } from "./text.ts";

/** One message's facts as the index stores them beside its words. */
export interface MessageFacts {
  readonly channelId: string;
  readonly threadId: string;
  readonly forkId: string | null;
  readonly authorId: string;
  /** Milliseconds since the epoch (the wall time of the message's stamp). */
  readonly createdAt: number;
  readonly pinned: boolean;
  readonly hasFork: boolean;
  /** Files attached (any), images among them (absent: none). */
  readonly hasFile?: boolean;
  readonly hasImage?: boolean;
  readonly hasLink: boolean;
}

/** A word or phrase of the query, as folded index words. */
export interface PlannedTerm {
  readonly words: readonly string[];
  /** The last word may be the start of a longer one. */
  readonly prefix: boolean;
  /** The words must be consecutive in the message (a phrase, a CJK run, "e-mail"). */
  readonly sequence: boolean;
  /** Near spellings may match (single bare words only). */
  readonly fuzzy: boolean;
}

/** Names in the filters resolved to ids: what the browser knows of channels and people. */
export interface FilterNames {
  channelIdByName(name: string): string | undefined;
  personIdByHandle(handle: string): string | undefined;
}

/** The ids of the channels and people a query's filters name, resolved where names are known. */
export interface ResolvedNames {
  readonly channels: readonly (readonly [name: string, id: string])[];
  readonly people: readonly (readonly [handle: string, id: string])[];
}

export function resolveNames(filters: SearchFilters, names: FilterNames): ResolvedNames {
  const resolved = (list: readonly string[], resolve: (name: string) => string | undefined) =>
    list.flatMap((name) => {
      const id = resolve(name);
      return id === undefined ? [] : [[name, id] as const];
    });
  return {
    channels: resolved(filters.channels, (name) => names.channelIdByName(name)),
    people: resolved(filters.authors, (handle) => names.personIdByHandle(handle)),
  };
}

/** Names as resolved by resolveNames (where the page's list of channels and people is not). */
export function resolvedNames({ channels, people }: ResolvedNames): FilterNames {
  const channelIds = new Map(channels);
  const personIds = new Map(people);
  return {
    channelIdByName: (name) => channelIds.get(name),
    personIdByHandle: (handle) => personIds.get(handle),
  };
}

export interface SearchPlan {
  readonly terms: readonly PlannedTerm[];
  /** The channels named by in:#channel; null: every channel. */
  readonly channelIds: ReadonlySet<string> | null;
  readonly accepts: (facts: MessageFacts) => boolean;
}

const DAY_MS = 86_400_000;
/**
 * The word being typed is a prefix from its third letter: one or two letters stand for thousands
 * of words (a search of them took 100-450 ms at 100k messages) and say little of what is wanted.
 */
const MIN_PREFIX_LENGTH = 3;

function dayStart(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

function idSet(names: readonly string[], resolve: (name: string) => string | undefined) {
  if (names.length === 0) return null;
  // A name the browser does not know matches nothing (never everything).
  return new Set(names.map((name) => resolve(name) ?? `\u0000${name}`));
}

function filterFacts(
  filters: SearchFilters,
  channels: ReadonlySet<string> | null,
  names: FilterNames,
): (facts: MessageFacts) => boolean {
  const authors = idSet(filters.authors, (handle) => names.personIdByHandle(handle));
  const before = filters.before === null ? null : dayStart(filters.before);
  const after = filters.after === null ? null : dayStart(filters.after) + DAY_MS;
  return (facts) =>
    (channels === null || channels.has(facts.channelId)) &&
    (authors === null || authors.has(facts.authorId)) &&
    (!filters.inFork || facts.forkId !== null) &&
    (!filters.hasFork || facts.hasFork) &&
    (!filters.hasFile || facts.hasFile === true) &&
    (!filters.hasImage || facts.hasImage === true) &&
    (!filters.hasLink || facts.hasLink) &&
    (!filters.isPinned || facts.pinned) &&
    (before === null || facts.createdAt < before) &&
    (after === null || facts.createdAt >= after);
}

export function planSearch(parsed: ParsedSearchQuery, names: FilterNames): SearchPlan {
  const terms: PlannedTerm[] = [];
  for (const term of parsed.terms) {
    const words = tokenize(term.text).map(foldTerm);
    if (words.length === 0) continue;
    const isWord = term.kind === "word";
    const typed = [...(words.at(-1) ?? "")].length;
    terms.push({
      words,
      prefix: isWord && term.prefix && typed >= MIN_PREFIX_LENGTH,
      sequence: words.length > 1,
      fuzzy: isWord && words.length === 1,
    });
  }
  const channelIds = idSet(parsed.filters.channels, (name) => names.channelIdByName(name));
  return { terms, channelIds, accepts: filterFacts(parsed.filters, channelIds, names) };
}
