// GET /api/search's work (and the bridge's related-message lookups): parse the filter
// language, resolve what the caller may read, rank the newest `candidateCap` matches by
// relevance and recency, cut snippets for one page, and fall back to near spellings when
// nothing matched exactly.
import {
  isEmptySearch,
  type ParsedSearchQuery,
  parseSearchQuery,
  type SearchCorrection,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
} from "@openvibe/schema";
import type { UserRecord } from "../accounts/principal.ts";
import type { ChannelRecord } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import {
  type BodyMatch,
  correctableWords,
  indexWords,
  type TermsNeeded,
  toMatchExpression,
} from "./fts-query.ts";
import { indexedAuthor } from "./index-rows.ts";
import { fromIndexText, plainExcerpt } from "./index-text.ts";
import { decodeCursor, encodeCursor, type SearchCursor } from "./search-cursor.ts";
import type { RankedRow, SearchIndex } from "./search-index.ts";
import { resolveScope, type SearchScope } from "./search-scope.ts";
import { snippetOf } from "./snippet.ts";
import { correctWords } from "./typo.ts";

/** Matches ranked per query: the newest this many. Bounds the cost of very common words. */
export const DEFAULT_CANDIDATE_CAP = 2000;

export interface SearchDeps {
  ctx: AppContext;
  index: SearchIndex;
  candidateCap?: number;
  /** Told of every query answered (metrics). */
  onQuery?: () => void;
}

/** How a search runs beyond its query; the search box uses the defaults. */
export interface SearchMode {
  /** "any": rank the messages holding any of the words (related messages for an agent). */
  termsNeeded?: TermsNeeded;
  /** Leave this thread out (the conversation an agent is already given). */
  excludeThreadId?: string;
  /** Search only the readable channels this accepts (what a reply's readers may see). */
  channelAllowed?: (channel: ChannelRecord) => boolean;
}

interface Plan {
  match: BodyMatch | null;
  corrections: SearchCorrection[];
}

function emptyResult(problems: readonly string[]): SearchResult {
  return {
    hits: [],
    nextCursor: null,
    total: { count: 0, capped: false },
    corrections: [],
    problems: [...problems],
  };
}

/**
 * The vocabulary spans every channel: report only alternatives that occur in rows the caller
 * may read, so a correction never names a word from a channel they cannot.
 */
function shownCorrections(
  corrections: readonly SearchCorrection[],
  rows: readonly RankedRow[],
): SearchCorrection[] {
  const seen = new Set(rows.flatMap((row) => indexWords(row.body)));
  return corrections
    .map((c) => ({ word: c.word, triedInstead: c.triedInstead.filter((t) => seen.has(t)) }))
    .filter((c) => c.triedInstead.length > 0);
}

function toHit(row: RankedRow, scope: SearchScope, snippet: string | undefined): SearchHit {
  return {
    messageId: row.messageId,
    channelId: row.channelId,
    channelName: scope.channelNames.get(row.channelId) ?? "",
    threadId: row.threadId,
    threadTitle: row.threadTitle,
    forkId: row.forkId,
    author: indexedAuthor(row),
    createdAt: row.createdAt,
    snippet: snippet === undefined ? plainExcerpt(row.body) : fromIndexText(snippet),
    pinned: row.pinned === 1,
    hasFork: row.hasFork === 1,
  };
}

export class SearchService {
  private readonly deps: SearchDeps;

  constructor(deps: SearchDeps) {
    this.deps = deps;
  }

  search(viewer: UserRecord, query: SearchQuery, mode: SearchMode = {}): SearchResult {
    this.deps.onQuery?.();
    const parsed = parseSearchQuery(query.q);
    if (isEmptySearch(parsed)) return emptyResult(parsed.problems);
    const scope = resolveScope(this.deps.ctx, viewer, parsed.filters, mode);
    const needed = mode.termsNeeded ?? "all";
    const exact = toMatchExpression(parsed.terms, new Map(), needed);
    if (!scope.searchable || (parsed.terms.length > 0 && exact === null))
      return emptyResult(parsed.problems);
    const cursor: SearchCursor =
      query.cursor === undefined
        ? {
            offset: 0,
            maxRowId: this.deps.index.newestRow(),
            nowMs: this.deps.ctx.now(),
            fuzzy: false,
          }
        : decodeCursor(query.cursor);
    const rank = (plan: Plan) => this.rank(plan, scope, cursor, query.limit);
    let plan: Plan = { match: exact, corrections: [] };
    if (cursor.fuzzy) plan = this.fuzzyPlan(parsed, needed);
    let rows = rank(plan);
    if (rows.length === 0 && query.cursor === undefined && exact !== null) {
      plan = this.fuzzyPlan(parsed, needed);
      if (plan.corrections.length > 0) rows = rank(plan);
      plan = { ...plan, corrections: shownCorrections(plan.corrections, rows) };
    }
    return this.page(
      rows,
      plan,
      scope,
      { ...cursor, fuzzy: plan.corrections.length > 0 },
      {
        limit: query.limit,
        problems: parsed.problems,
      },
    );
  }

  private fuzzyPlan(parsed: ParsedSearchQuery, needed: TermsNeeded): Plan {
    const corrections = correctWords(this.deps.index, correctableWords(parsed.terms));
    const instead = new Map(corrections.map((c) => [c.word, c.triedInstead]));
    return { match: toMatchExpression(parsed.terms, instead, needed), corrections };
  }

  private rank(plan: Plan, scope: SearchScope, cursor: SearchCursor, limit: number): RankedRow[] {
    return this.deps.index.rank(plan.match, scope.filters, {
      maxRowId: cursor.maxRowId,
      nowMs: cursor.nowMs,
      cap: this.deps.candidateCap ?? DEFAULT_CANDIDATE_CAP,
      offset: cursor.offset,
      limit: limit + 1,
    });
  }

  private page(
    rows: RankedRow[],
    plan: Plan,
    scope: SearchScope,
    cursor: SearchCursor,
    { limit, problems }: { limit: number; problems: readonly string[] },
  ): SearchResult {
    const shown = rows.slice(0, limit);
    const phrases = plan.match?.phrases;
    const cap = this.deps.candidateCap ?? DEFAULT_CANDIDATE_CAP;
    const total = rows[0]?.total ?? 0;
    return {
      hits: shown.map((row) =>
        toHit(row, scope, phrases === undefined ? undefined : snippetOf(row.body, phrases)),
      ),
      nextCursor:
        rows.length > limit ? encodeCursor({ ...cursor, offset: cursor.offset + limit }) : null,
      total: { count: total, capped: total >= cap },
      corrections: plan.corrections,
      problems: [...problems],
    };
  }
}
