// GET /api/search: the query string and the page of hits it answers with.
import { z } from "zod";
import type { Actor } from "../actors.ts";
import type { Stamp } from "../clock.ts";
import type { ContextItemView } from "./context-items.ts";

/** Marks the start and end of a matched word in `snippet`; never present in message text. */
export const SNIPPET_MATCH_START = "\u0002";
export const SNIPPET_MATCH_END = "\u0003";

export const searchQuery = z.object({
  /** The search box's text, filter language included (see parseSearchQuery). */
  q: z.string().max(500, "a search has at most 500 characters"),
  /** `nextCursor` of the previous page. */
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export type SearchQuery = z.infer<typeof searchQuery>;

export interface SearchHit {
  messageId: string;
  channelId: string;
  channelName: string;
  threadId: string;
  threadTitle: string;
  /** null: the thread's main line. */
  forkId: string | null;
  author: Actor;
  createdAt: Stamp;
  /**
   * Plain text around the matches (not Markdown, not HTML): each matched word is wrapped in
   * SNIPPET_MATCH_START … SNIPPET_MATCH_END; "…" marks cut text. Render as text nodes.
   */
  snippet: string;
  pinned: boolean;
  hasFork: boolean;
}

/** A word that matched nothing, and the indexed words tried instead (typo tolerance). */
export interface SearchCorrection {
  word: string;
  triedInstead: string[];
}

export interface SearchResult {
  /** Best first (relevance and recency); group by channelId / threadId / forkId as needed. */
  hits: SearchHit[];
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** Matches among the channels the caller can read; `capped`: at least this many. */
  total: { count: number; capped: boolean };
  /** Non-empty when nothing matched exactly and near spellings were searched instead. */
  corrections: SearchCorrection[];
  /** Filters that were not understood and were ignored. */
  problems: string[];
}

/**
 * GET /api/search's answer: the messages, and on a first page of a query without filters the
 * context items (at most 5, newest first) holding its words that the caller can read.
 */
export interface SearchAnswerBody extends SearchResult {
  contextItems: ContextItemView[];
}
