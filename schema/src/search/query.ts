// The search filter language, parsed the same way by the server and the browser:
//   words  "exact phrases"  in:#channel  in:fork  from:@handle  has:fork  has:file  has:image
//   has:link  is:pinned
//   before:YYYY-MM-DD  after:YYYY-MM-DD
// Pure: no I/O, never throws. Filters it cannot read are reported in `problems` and ignored.

export type SearchTerm =
  /** `prefix`: the word being typed (last in the query, no space after it yet). */
  | { readonly kind: "word"; readonly text: string; readonly prefix: boolean }
  | { readonly kind: "phrase"; readonly text: string };

export interface SearchFilters {
  /** Channel names without '#', lower-case; a message in any of them matches. */
  readonly channels: readonly string[];
  /** Author handles without '@', lower-case; a message by any of them matches. */
  readonly authors: readonly string[];
  /** Only messages inside forks. */
  readonly inFork: boolean;
  /** Only messages a fork branches from. */
  readonly hasFork: boolean;
  /** Only messages with files attached (has:file), or with images (has:image). */
  readonly hasFile: boolean;
  readonly hasImage: boolean;
  /** Only messages with a web link (see linksIn). */
  readonly hasLink: boolean;
  readonly isPinned: boolean;
  /** Written before this day began (UTC), "YYYY-MM-DD". */
  readonly before: string | null;
  /** Written after this day ended (UTC), "YYYY-MM-DD". */
  readonly after: string | null;
}

export interface ParsedSearchQuery {
  readonly terms: readonly SearchTerm[];
  readonly filters: SearchFilters;
  /** Human-readable notes about filters that were ignored. */
  readonly problems: readonly string[];
}

const FILTER = /^(in|from|has|is|before|after):(.*)$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar day written YYYY-MM-DD. */
export function isSearchDate(value: string): boolean {
  const match = DATE.exec(value);
  if (match === null) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

interface Token {
  readonly text: string;
  readonly quoted: boolean;
}

/** Splits on whitespace; a quote opens a phrase that runs to the next quote or the end. */
function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /"([^"]*)"?|(\S+)/gu;
  for (const match of query.matchAll(pattern)) {
    if (match[1] !== undefined) tokens.push({ text: match[1].trim(), quoted: true });
    else if (match[2] !== undefined) tokens.push({ text: match[2], quoted: false });
  }
  return tokens.filter((token) => token.text.length > 0);
}

type MutableFilters = { -readonly [K in keyof SearchFilters]: SearchFilters[K] } & {
  channels: string[];
  authors: string[];
};

function emptyFilters(): MutableFilters {
  return {
    channels: [],
    authors: [],
    inFork: false,
    hasFork: false,
    hasFile: false,
    hasImage: false,
    hasLink: false,
    isPinned: false,
    before: null,
    after: null,
  };
}

/** Applies one `key:value`; returns a problem when the value is not understood. */
function applyFilter(filters: MutableFilters, key: string, value: string): string | null {
  const lower = value.toLowerCase();
  switch (key) {
    case "in":
      if (lower === "fork") filters.inFork = true;
      else if (/^#?[a-z0-9][a-z0-9_-]*$/.test(lower))
        filters.channels.push(lower.replace(/^#/, ""));
      else return `in: expects #channel or fork, not "${value}"`;
      return null;
    case "from":
      if (!/^@?[a-z0-9][a-z0-9_.-]*$/.test(lower)) return `from: expects @handle, not "${value}"`;
      filters.authors.push(lower.replace(/^@/, ""));
      return null;
    case "has":
      if (lower === "fork") filters.hasFork = true;
      else if (lower === "file") filters.hasFile = true;
      else if (lower === "image") filters.hasImage = true;
      else if (lower === "link") filters.hasLink = true;
      else return `has: knows has:fork, has:file, has:image and has:link, not "${value}"`;
      return null;
    case "is":
      if (lower !== "pinned") return `is: knows only is:pinned, not "${value}"`;
      filters.isPinned = true;
      return null;
    default:
      if (!isSearchDate(value)) return `${key}: expects a date YYYY-MM-DD, not "${value}"`;
      if (key === "before") filters.before = value;
      else filters.after = value;
      return null;
  }
}

/** Parses a search box's text. The last bare word is a prefix unless the text ends in a space. */
export function parseSearchQuery(query: string): ParsedSearchQuery {
  const filters = emptyFilters();
  const terms: SearchTerm[] = [];
  const problems: string[] = [];
  for (const token of tokenize(query)) {
    const filter = token.quoted ? null : FILTER.exec(token.text);
    if (filter?.[1] !== undefined && filter[2] !== undefined && filter[2] !== "") {
      const problem = applyFilter(filters, filter[1].toLowerCase(), filter[2]);
      if (problem !== null) problems.push(problem);
      continue;
    }
    terms.push(
      token.quoted
        ? { kind: "phrase", text: token.text }
        : { kind: "word", text: token.text, prefix: false },
    );
  }
  const last = terms.at(-1);
  if (last?.kind === "word" && !/\s$/u.test(query))
    terms[terms.length - 1] = { ...last, prefix: true };
  return { terms, filters, problems };
}

/** Whether the query asks for anything: some term or some filter. */
export function isEmptySearch(parsed: ParsedSearchQuery): boolean {
  const f = parsed.filters;
  return (
    parsed.terms.length === 0 &&
    f.channels.length + f.authors.length === 0 &&
    !f.inFork &&
    !f.hasFork &&
    !f.hasFile &&
    !f.hasImage &&
    !f.hasLink &&
    !f.isPinned &&
    f.before === null &&
    f.after === null
  );
}
