// The one module that touches the search tables (search_messages, its FTS5 index search_fts
// with its averages record, the vocabulary search_vocab and the word-pair index search_pairs),
// through prepared raw statements: drizzle cannot express FTS5. Writes keep search_fts in step
// through the migration's triggers, and write each row's pairs (word-pairs.ts). Candidates are
// ranked here, bm25 computed for them alone (relevance.ts).
import type Database from "better-sqlite3";
import { isBusy } from "../db/busy.ts";
import { facetConditions, facetWordCount } from "./facets.ts";
import {
  ASCII,
  type BodyMatch,
  type BodyPhrase,
  indexedWords,
  phraseExpression,
} from "./fts-query.ts";
import { AVERAGES_ROWID, decodeAverages, readVarint } from "./fts5-averages.ts";
import {
  DF_PROBE,
  estimatedRowsWithPhrase,
  inverseDocumentFrequency,
  relevance,
} from "./relevance.ts";
import { pairable, pairsExpression, rowPairs, UNSURE_EXPRESSION } from "./word-pairs.ts";

/** One row of search_messages, as written. */
export interface IndexRow {
  messageId: string;
  channelId: string;
  threadId: string;
  threadTitle: string;
  forkId: string | null;
  authorId: string;
  authorKind: string;
  createdAt: string;
  createdMs: number;
  pinned: boolean;
  hasFork: boolean;
  /** Whether files (any), or images, are attached (absent: none). */
  hasFile?: boolean;
  hasImage?: boolean;
  /** The message holds a web link (linksIn); absent: it does not. */
  hasLink?: boolean;
  /** Already in index form (toIndexText), the attached files' names included. */
  body: string;
  /** Lower-case handles the message mentions (the mentions inbox). */
  mentions: readonly string[];
}

/** One entry of a mentions inbox, newest first. */
export type MentionRow = { rowId: number } & Pick<
  IndexRow,
  | "messageId"
  | "channelId"
  | "threadId"
  | "threadTitle"
  | "forkId"
  | "authorId"
  | "authorKind"
  | "createdAt"
  | "body"
>;

export interface MentionsQuery {
  handle: string;
  /** Channels the reader may read. */
  channelIds: readonly string[];
  /** Left out: the reader's own messages. */
  readerId: string;
  /** Entries older than this one (a previous page's last). */
  before: { createdAt: string; rowId: number } | null;
  limit: number;
}

/** What a search may be narrowed to; null or false: no restriction. */
export interface RowFilters {
  /** Channels the caller may read (already intersected with in:#channel). */
  channelIds: readonly string[];
  authorIds: readonly string[] | null;
  inFork: boolean;
  hasFork: boolean;
  hasFile?: boolean;
  hasImage?: boolean;
  /** Only messages with a web link (`has:link`); absent: no restriction. */
  hasLink?: boolean;
  pinned: boolean;
  /** created_ms < beforeMs, created_ms >= afterMs. */
  beforeMs: number | null;
  afterMs: number | null;
  /** Leave this thread out (its main line and its forks): a task's own conversation. */
  excludeThreadId?: string | null;
}

/** Filters that narrow nothing beyond the channels. */
export function onlyChannels(channelIds: readonly string[]): RowFilters {
  return {
    channelIds,
    authorIds: null,
    inFork: false,
    hasFork: false,
    pinned: false,
    beforeMs: null,
    afterMs: null,
  };
}

/** A candidate as ranked: the indexed row (SQLite gives the flags back as 0/1) with its score. */
export interface RankedRow
  extends Omit<IndexRow, "createdMs" | "pinned" | "hasFork" | "hasFile" | "hasImage" | "hasLink"> {
  rowId: number;
  score: number;
  /** Candidates considered (at most the cap). */
  total: number;
  pinned: number;
  hasFork: number;
}

export interface RankOptions {
  /** Only rows indexed up to this rowid (the first page's newest), so pages do not shift. */
  maxRowId: number;
  /** Only the newest `cap` matching rows are ranked. */
  cap: number;
  /** Reference time for recency, fixed by the first page. */
  nowMs: number;
  /** Rows ranked before this page. */
  offset: number;
  limit: number;
}

/** `match` on the message text only. */
function bodyMatch(match: string): string {
  return `body : (${match})`;
}

/** A recency boost between 2 (now) and 1 (long ago): half at 14 days. */
function recencyBoost(createdMs: number, nowMs: number): number {
  return 1.0 + 1.0 / (1.0 + Math.max(0, nowMs - createdMs) / 1_209_600_000);
}

/** The filters of RowFilters on a search_messages row `m`, bound by filterParams. */
export const ROW_FILTERS_SQL = `m.id <= :maxRowId
  AND m.channel_id IN (SELECT value FROM json_each(:channels))
  AND (:authors IS NULL OR m.author_id IN (SELECT value FROM json_each(:authors)))
  AND (:inFork = 0 OR m.fork_id IS NOT NULL)
  AND (:hasFork = 0 OR m.has_fork = 1)
  AND (:hasFile = 0 OR m.has_file = 1)
  AND (:hasImage = 0 OR m.has_image = 1)
  AND (:hasLink = 0 OR m.has_link = 1)
  AND (:pinned = 0 OR m.pinned = 1)
  AND (:before IS NULL OR m.created_ms < :before)
  AND (:after IS NULL OR m.created_ms >= :after)
  AND (:excludeThread IS NULL OR m.thread_id <> :excludeThread)`;

/** A candidate as read for ranking; its text and flags (its facets) only when words are weighed. */
interface Candidate {
  rowId: number;
  createdMs: number;
  body?: string;
  pinned?: number;
  hasFork?: number;
  inFork?: number;
  hasLink?: number;
}

/**
 * The newest `cap` rows FTS5 matches (words and facets, newest first: it stops at the cap)
 * that pass the filters.
 */
const matching = (columns: string) => `SELECT m.id AS rowId, m.created_ms AS createdMs${columns}
  FROM search_fts JOIN search_messages m ON m.id = search_fts.rowid
  WHERE search_fts MATCH :match AND search_fts.rowid <= :maxRowId AND ${ROW_FILTERS_SQL}
  ORDER BY search_fts.rowid DESC LIMIT :cap`;
/** What a candidate weighed by its words is read with: what makes up the row's text. */
const WEIGHED_COLUMNS = `m.body, m.pinned, m.has_fork AS hasFork,
  (m.fork_id IS NOT NULL) AS inFork, m.has_link AS hasLink`;
/** Words in `body` (with what makes up the row's text, to weigh them); facets weigh nothing. */
const MATCHING = matching(`, ${WEIGHED_COLUMNS}`);
/**
 * Every row FTS5 matches, newest first, each with whether it passes the filters: read until the
 * candidates and a phrase's probe both have their rows, one scan gives both (scanOnePhrase).
 */
const MATCHING_EVERY_ROW = `SELECT m.id AS rowId, m.created_ms AS createdMs, ${WEIGHED_COLUMNS},
    (${ROW_FILTERS_SQL}) AS passes
  FROM search_fts JOIN search_messages m ON m.id = search_fts.rowid
  WHERE search_fts MATCH :match
  ORDER BY search_fts.rowid DESC`;
/** That a candidate `m` holds the phrase :match by its positions in search_fts. */
const HOLDS_PHRASE = `EXISTS (SELECT 1 FROM search_fts f
  WHERE f.rowid = m.id AND search_fts MATCH :match)`;
/**
 * MATCHING_EVERY_ROW for a phrase of several words through the word-pair index: the rows holding
 * its pairs (:pairs; `checked`, a phrase of three words or more: each checked on its positions
 * too), and the rows whose pairs are not trusted (UNSURE) checked on their positions, newest
 * first.
 */
const pairsEveryRow = (checked: boolean) => `SELECT p.rowid AS rowId, m.created_ms AS createdMs,
    ${WEIGHED_COLUMNS}, (${ROW_FILTERS_SQL}) AS passes
  FROM search_pairs p JOIN search_messages m ON m.id = p.rowid
  WHERE search_pairs MATCH :pairs${checked ? ` AND ${HOLDS_PHRASE}` : ""}
  UNION ALL
  SELECT p.rowid AS rowId, m.created_ms AS createdMs, ${WEIGHED_COLUMNS},
    (${ROW_FILTERS_SQL}) AS passes
  FROM search_pairs p JOIN search_messages m ON m.id = p.rowid
  WHERE search_pairs MATCH '${UNSURE_EXPRESSION}' AND ${HOLDS_PHRASE}
  ORDER BY rowId DESC`;
/**
 * Rows whose pairs are not trusted, each checked on search_fts by pairsEveryRow: with more,
 * a phrase is read from search_fts alone.
 */
const UNSURE_ROWS_MAX = 200;
/** Filters only (no words): every row scores by recency alone. */
const FACETED = matching("");
/** Filters that narrow nothing in FTS5 (many channels, no words): the newest rows, checked. */
const FILTERED = `SELECT m.id AS rowId, m.created_ms AS createdMs
  FROM search_messages m WHERE ${ROW_FILTERS_SQL}
  ORDER BY m.id DESC LIMIT :cap`;
/** The rows of one page, for the ranked hits. */
const PAGE_ROWS = `SELECT m.id AS rowId, m.message_id AS messageId, m.channel_id AS channelId,
    m.thread_id AS threadId, m.thread_title AS threadTitle, m.fork_id AS forkId,
    m.author_id AS authorId, m.author_kind AS authorKind, m.created_at AS createdAt,
    m.pinned, m.has_fork AS hasFork, m.body
  FROM json_each(:rowIds) AS r JOIN search_messages m ON m.id = r.value`;

const MENTIONS = `SELECT m.id AS rowId, m.message_id AS messageId, m.channel_id AS channelId,
    m.thread_id AS threadId, m.thread_title AS threadTitle, m.fork_id AS forkId,
    m.author_id AS authorId, m.author_kind AS authorKind, m.created_at AS createdAt, m.body
  FROM search_mentions x JOIN search_messages m ON m.id = x.message_row
  WHERE x.handle = :handle
    AND (:beforeAt IS NULL OR x.created_at < :beforeAt
      OR (x.created_at = :beforeAt AND x.message_row < :beforeRow))
    AND m.channel_id IN (SELECT value FROM json_each(:channels))
    AND m.author_id <> :reader
  ORDER BY x.created_at DESC, x.message_row DESC
  LIMIT :limit`;

type Params = Record<string, string | number | null>;

/** The newest (at most DF_PROBE) rows holding a phrase: how many, and the oldest of them. */
interface PhraseProbe {
  count: number;
  oldestRowId: number;
}

export interface SearchIndexOptions {
  /**
   * Keep the word-pair index and answer phrases from it (the default); false: phrases are read
   * from search_fts alone and no pairs are written, as before migration 0021 (the benchmark's
   * and tests' baseline).
   */
  wordPairs?: boolean;
}

export class SearchIndex {
  private readonly db: Database.Database;
  private readonly wordPairs: boolean;
  private readonly upsertRow;
  private readonly bodyTokens;
  private readonly writePairs;
  private readonly rowsAfter;
  private readonly pairsEveryRow;
  private readonly pairsEveryRowChecked;
  private readonly pairsAverages;
  private readonly unsureRows;
  private readonly deleteRow;
  private readonly readProgress;
  private readonly writeProgress;
  private readonly deleteChannelRows;
  private readonly matchingCandidates;
  private readonly matchingEveryRow;
  private readonly facetedCandidates;
  private readonly filteredCandidates;
  private readonly pageRows;
  private readonly phraseProbe;
  private readonly averages;
  private readonly rowIdSpan;
  private readonly vocabHas;
  private readonly vocabRange;
  private readonly newestRowId;
  private readonly countRows;
  private readonly mentionsOf;
  private readonly unmentionedChannels;

  constructor(db: Database.Database, options: SearchIndexOptions = {}) {
    this.db = db;
    this.wordPairs = options.wordPairs ?? true;
    this.upsertRow = db.prepare<Params, { id: number }>(
      `INSERT INTO search_messages (message_id, channel_id, thread_id, thread_title, fork_id,
         author_id, author_kind, created_at, created_ms, pinned, has_fork, has_file, has_image,
         has_link, body, mentions)
       VALUES (:messageId, :channelId, :threadId, :threadTitle, :forkId, :authorId, :authorKind,
         :createdAt, :createdMs, :pinned, :hasFork, :hasFile, :hasImage, :hasLink, :body, :mentions)
       ON CONFLICT (message_id) DO UPDATE SET channel_id = excluded.channel_id,
         thread_id = excluded.thread_id, thread_title = excluded.thread_title,
         fork_id = excluded.fork_id, author_id = excluded.author_id,
         author_kind = excluded.author_kind, created_at = excluded.created_at,
         created_ms = excluded.created_ms, pinned = excluded.pinned,
         has_fork = excluded.has_fork, has_file = excluded.has_file,
         has_image = excluded.has_image, has_link = excluded.has_link, body = excluded.body,
         mentions = excluded.mentions
       RETURNING id`,
    );
    this.bodyTokens = db.prepare<[number], { sz: Uint8Array }>(
      "SELECT sz FROM search_fts_docsize WHERE id = ?",
    );
    this.writePairs = db.prepare<[number, string]>(
      "INSERT OR REPLACE INTO search_pairs (rowid, pairs) VALUES (?, ?)",
    );
    this.rowsAfter = db.prepare<[number, number], { id: number; body: string }>(
      "SELECT id, body FROM search_messages WHERE id > ? ORDER BY id LIMIT ?",
    );
    this.pairsEveryRow = db.prepare<Params, Candidate & { passes: number }>(pairsEveryRow(false));
    this.pairsEveryRowChecked = db.prepare<Params, Candidate & { passes: number }>(
      pairsEveryRow(true),
    );
    this.pairsAverages = db.prepare<[number], { block: Uint8Array }>(
      "SELECT block FROM search_pairs_data WHERE id = ?",
    );
    this.unsureRows = db.prepare<[], { n: number }>(
      `SELECT count(*) AS n FROM search_pairs WHERE search_pairs MATCH '${UNSURE_EXPRESSION}'`,
    );
    this.deleteRow = db.prepare<[string]>("DELETE FROM search_messages WHERE message_id = ?");
    this.readProgress = db.prepare<[], { completeBefore: number }>(
      "SELECT complete_before AS completeBefore FROM search_progress WHERE id = 1",
    );
    this.writeProgress = db.prepare<[number]>(
      "UPDATE search_progress SET complete_before = ? WHERE id = 1",
    );
    this.deleteChannelRows = db.prepare<[string]>(
      "DELETE FROM search_messages WHERE channel_id = ?",
    );
    this.matchingCandidates = db.prepare<Params, Candidate>(MATCHING);
    this.matchingEveryRow = db.prepare<Params, Candidate & { passes: number }>(MATCHING_EVERY_ROW);
    this.facetedCandidates = db.prepare<Params, Candidate>(FACETED);
    this.filteredCandidates = db.prepare<Params, Candidate>(FILTERED);
    this.pageRows = db.prepare<Params, Omit<RankedRow, "score" | "total">>(PAGE_ROWS);
    this.phraseProbe = db.prepare<Params, { count: number; oldestRowId: number | null }>(
      `SELECT count(*) AS count, min(rowid) AS oldestRowId FROM (SELECT rowid FROM search_fts
       WHERE search_fts MATCH :match ORDER BY rowid DESC LIMIT :probe)`,
    );
    this.averages = db.prepare<[number], { block: Uint8Array }>(
      "SELECT block FROM search_fts_data WHERE id = ?",
    );
    this.rowIdSpan = db.prepare<[], { firstRowId: number | null; lastRowId: number | null }>(
      `SELECT (SELECT min(id) FROM search_messages) AS firstRowId,
         (SELECT max(id) FROM search_messages) AS lastRowId`,
    );
    this.vocabHas = db.prepare<[string], { doc: number }>(
      "SELECT doc FROM search_vocab WHERE col = 'body' AND term = ?",
    );
    this.vocabRange = db.prepare<[string, string], { term: string; doc: number }>(
      "SELECT term, doc FROM search_vocab WHERE col = 'body' AND term >= ? AND term < ?",
    );
    this.newestRowId = db.prepare<[], { id: number | null }>(
      "SELECT max(id) AS id FROM search_messages",
    );
    this.countRows = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM search_messages");
    this.mentionsOf = db.prepare<Params, MentionRow>(MENTIONS);
    this.unmentionedChannels = db.prepare<[], { channelId: string }>(
      "SELECT DISTINCT channel_id AS channelId FROM search_messages WHERE mentions IS NULL",
    );
  }

  /**
   * Writes rows and removes messages in one transaction; with `completeBefore`, records in it
   * that every document update stored before then (epoch ms) is in the index.
   */
  write(
    rows: readonly IndexRow[],
    removedMessageIds: readonly string[] = [],
    completeBefore?: number,
  ): void {
    this.db.transaction(() => this.writeRows(rows, removedMessageIds, completeBefore))();
  }

  /** Before when (epoch ms) every stored document update is known to be in the index. */
  completeBefore(): number {
    return this.readProgress.get()?.completeBefore ?? 0;
  }

  /** Records that every document update stored before `ms` is in the index. */
  markCompleteBefore(ms: number): void {
    this.writeProgress.run(ms);
  }

  /**
   * As `write`, but waits for another connection's write lock (the append worker's transaction,
   * during its fsync; an operator's shell) at most `waitMs`, not the connection's busy timeout:
   * while one still holds it, writes nothing and returns false. SQLite waits for a lock by
   * sleeping the calling thread, which here is the event loop.
   */
  tryWrite(
    rows: readonly IndexRow[],
    removedMessageIds: readonly string[] = [],
    waitMs = 0,
    completeBefore?: number,
  ): boolean {
    const busyTimeout = this.db.pragma("busy_timeout", { simple: true });
    this.db.pragma(`busy_timeout = ${Math.max(0, Math.floor(waitMs))}`);
    try {
      // IMMEDIATE: the lock is taken (or refused) at BEGIN, before any row is written.
      this.db
        .transaction(() => this.writeRows(rows, removedMessageIds, completeBefore))
        .immediate();
      return true;
    } catch (error) {
      if (isBusy(error)) return false;
      throw error;
    } finally {
      this.db.pragma(`busy_timeout = ${Number(busyTimeout)}`);
    }
  }

  private writeRows(
    rows: readonly IndexRow[],
    removedMessageIds: readonly string[],
    completeBefore: number | undefined,
  ): void {
    for (const row of rows) this.upsert(row);
    for (const id of removedMessageIds) this.deleteRow.run(id);
    if (completeBefore !== undefined) this.markCompleteBefore(completeBefore);
  }

  /** Writes a row, and its pairs (a row's pairs are removed with it by the migration's trigger). */
  private upsert(row: IndexRow): void {
    const written = this.upsertRow.get(bindable(row));
    if (this.wordPairs && written !== undefined) this.writePairsOf(written.id, row.body);
  }

  /**
   * search_pairs' document of a row, from its body and the tokens search_fts counted in it (not
   * read for an ASCII body, whose words are letters and digits to both).
   */
  private writePairsOf(rowId: number, body: string): void {
    let bodyTokens: number | null = null;
    if (!ASCII.test(body)) {
      const sizes = this.bodyTokens.get(rowId)?.sz;
      // No count (never so for a row of search_fts): its pairs are not trusted.
      bodyTokens = sizes === undefined ? -1 : readVarint(sizes, 0)[0];
    }
    this.writePairs.run(rowId, rowPairs(body, bodyTokens));
  }

  /** Whether every row has its pairs: rows indexed before migration 0021 get them at start. */
  pairsCoverEveryRow(): boolean {
    const pairs = decodeAverages(this.pairsAverages.get(AVERAGES_ROWID)?.block);
    const rows = decodeAverages(this.averages.get(AVERAGES_ROWID)?.block);
    return pairs.rows === rows.rows;
  }

  /**
   * Writes the pairs of the (at most `limit`) rows after row `afterRowId`, in one transaction:
   * the last row written, 0 when there was none.
   */
  writePairsAfter(afterRowId: number, limit: number): number {
    let last = 0;
    this.db.transaction(() => {
      for (const row of this.rowsAfter.all(afterRowId, limit)) {
        this.writePairsOf(row.id, row.body);
        last = row.id;
      }
    })();
    return last;
  }

  remove(messageId: string): void {
    this.deleteRow.run(messageId);
  }

  /** Replaces everything indexed for a channel (call inside a transaction for atomicity). */
  replaceChannel(channelId: string, rows: readonly IndexRow[]): void {
    this.db.transaction(() => {
      this.deleteChannelRows.run(channelId);
      for (const row of rows) this.upsert(row);
    })();
  }

  removeChannel(channelId: string): void {
    this.deleteChannelRows.run(channelId);
  }

  /** Channels that have rows, for cleaning up after channels that no longer exist. */
  indexedChannelIds(): string[] {
    return this.db
      .prepare<[], { channelId: string }>(
        "SELECT DISTINCT channel_id AS channelId FROM search_messages",
      )
      .all()
      .map((row) => row.channelId);
  }

  /** A page of the messages that mention `handle`, newest first. */
  mentions(query: MentionsQuery): MentionRow[] {
    return this.mentionsOf.all({
      handle: query.handle,
      channels: JSON.stringify(query.channelIds),
      reader: query.readerId,
      beforeAt: query.before?.createdAt ?? null,
      beforeRow: query.before?.rowId ?? 0,
      limit: query.limit,
    });
  }

  /** Channels with rows indexed before the index kept mentions: re-index them. */
  channelsWithoutMentions(): string[] {
    return this.unmentionedChannels.all().map((row) => row.channelId);
  }

  count(): number {
    return this.countRows.get()?.n ?? 0;
  }

  newestRow(): number {
    return this.newestRowId.get()?.id ?? 0;
  }

  /**
   * The newest `cap` rows matching `match` and the filters, ranked by relevance (bm25, see
   * relevance.ts; 1 without words) times recency: one page of them.
   */
  rank(match: BodyMatch | null, filters: RowFilters, options: RankOptions): RankedRow[] {
    const facets = facetConditions(filters);
    if (facets === null) return [];
    const params: Params = {
      ...filterParams(filters),
      maxRowId: options.maxRowId,
      cap: options.cap,
    };
    const onePhrase =
      match !== null &&
      facets.length === 0 &&
      match.phrases.length === 1 &&
      (match.phrases[0]?.words.length ?? 0) > 1;
    const scanned =
      onePhrase && match.phrases[0] !== undefined
        ? this.scanOnePhrase(match.phrases[0], match.expression, params)
        : null;
    const candidates =
      scanned !== null
        ? scanned.candidates
        : match !== null
          ? this.matchingCandidates.all({
              ...params,
              match: [bodyMatch(match.expression), ...facets].join(" AND "),
            })
          : facets.length === 0
            ? this.filteredCandidates.all(params)
            : this.facetedCandidates.all({ ...params, match: facets.join(" AND ") });
    if (candidates.length === 0) return [];
    const weigh = match === null ? () => 1 : this.weigher(match, scanned?.probe);
    const ranked = candidates
      .map((candidate) => ({
        rowId: candidate.rowId,
        score: weigh(candidate) * recencyBoost(candidate.createdMs, options.nowMs),
      }))
      .sort((a, b) => b.score - a.score || b.rowId - a.rowId)
      .slice(options.offset, options.offset + options.limit);
    const rows = new Map(
      this.pageRows
        .all({ rowIds: JSON.stringify(ranked.map((row) => row.rowId)) })
        .map((row) => [row.rowId, row]),
    );
    return ranked.flatMap(({ rowId, score }) => {
      const row = rows.get(rowId);
      return row === undefined ? [] : [{ ...row, score, total: candidates.length }];
    });
  }

  /**
   * A query of one phrase of several words, with no facet: its candidates (the newest `cap` rows
   * passing the filters) and its probe (the newest DF_PROBE rows holding it, filters or not)
   * come from one scan of its matches. Read twice, they cost FTS5 two passes over the doclists of
   * every word, checking positions in each row that holds them all: most of a phrase query's
   * time. (A single word's probe reads a short stretch of one doclist: two reads cost less than
   * stepping one row at a time.) With the word-pair index the matches come from the phrase's
   * pairs (word-pairs.ts): the words' long doclists are not read for a phrase of two words.
   */
  private scanOnePhrase(
    phrase: BodyPhrase,
    expression: string,
    params: Params,
  ): { candidates: Candidate[]; probe: PhraseProbe } {
    const cap = Number(params.cap);
    const { cap: _, ...bound } = params;
    const candidates: Candidate[] = [];
    const probe: PhraseProbe = { count: 0, oldestRowId: 0 };
    const match = bodyMatch(expression);
    const matches = !this.answersByPairs(phrase)
      ? this.matchingEveryRow.iterate({ ...bound, match })
      : (phrase.words.length > 2 ? this.pairsEveryRowChecked : this.pairsEveryRow).iterate({
          ...bound,
          pairs: pairsExpression(phrase),
          match,
        });
    for (const { passes, ...row } of matches) {
      if (probe.count < DF_PROBE) {
        probe.count += 1;
        probe.oldestRowId = row.rowId;
      }
      if (passes === 1 && candidates.length < cap) candidates.push(row);
      if (probe.count >= DF_PROBE && candidates.length >= cap) break;
    }
    return { candidates, probe };
  }

  /**
   * Whether the word-pair index answers `phrase` (word-pairs.ts): one it can, every row with its
   * pairs, and few rows to check on their positions.
   */
  private answersByPairs(phrase: BodyPhrase): boolean {
    return (
      this.wordPairs &&
      pairable(phrase) &&
      this.pairsCoverEveryRow() &&
      (this.unsureRows.get()?.n ?? 0) <= UNSURE_ROWS_MAX
    );
  }

  /**
   * −bm25() of a candidate for `match`'s phrases, with the index's statistics read once;
   * `scanned`: the probe of its one phrase, already read.
   */
  private weigher(match: BodyMatch, scanned?: PhraseProbe): (candidate: Candidate) => number {
    const stats = decodeAverages(this.averages.get(AVERAGES_ROWID)?.block);
    const span = this.rowIdSpan.get();
    const idfs = match.phrases.map((phrase) => {
      const probe =
        scanned ??
        this.phraseProbe.get({ match: bodyMatch(phraseExpression(phrase)), probe: DF_PROBE });
      const rowsWithPhrase = estimatedRowsWithPhrase(
        { count: probe?.count ?? 0, oldestRowId: probe?.oldestRowId ?? 0 },
        { firstRowId: span?.firstRowId ?? 0, lastRowId: span?.lastRowId ?? 0 },
        stats.rows,
      );
      return inverseDocumentFrequency(stats.rows, rowsWithPhrase);
    });
    return (candidate) => {
      const bodyWords = indexedWords(candidate.body ?? "");
      const facetWords = facetWordCount({
        pinned: candidate.pinned ?? 0,
        hasFork: candidate.hasFork ?? 0,
        inFork: candidate.inFork ?? 0,
        hasLink: candidate.hasLink ?? 0,
      });
      return relevance(bodyWords, bodyWords.length + facetWords, match.phrases, idfs, stats);
    };
  }

  /** Whether a (folded) word is in the index. */
  hasWord(word: string): boolean {
    return this.vocabHas.get(word) !== undefined;
  }

  /** Indexed words in [from, to), with the number of rows holding each. */
  wordsBetween(from: string, to: string): { term: string; doc: number }[] {
    return this.vocabRange.all(from, to);
  }
}

function bindable(row: IndexRow): Record<string, string | number | null> {
  return {
    ...row,
    pinned: row.pinned ? 1 : 0,
    hasFork: row.hasFork ? 1 : 0,
    hasFile: row.hasFile ? 1 : 0,
    hasImage: row.hasImage ? 1 : 0,
    hasLink: row.hasLink === true ? 1 : 0,
    mentions: JSON.stringify(row.mentions),
  };
}

export function filterParams(filters: RowFilters): Params {
  return {
    channels: JSON.stringify(filters.channelIds),
    authors: filters.authorIds === null ? null : JSON.stringify(filters.authorIds),
    inFork: filters.inFork ? 1 : 0,
    hasFork: filters.hasFork ? 1 : 0,
    hasFile: filters.hasFile ? 1 : 0,
    hasImage: filters.hasImage ? 1 : 0,
    hasLink: filters.hasLink === true ? 1 : 0,
    pinned: filters.pinned ? 1 : 0,
    before: filters.beforeMs,
    after: filters.afterMs,
    excludeThread: filters.excludeThreadId ?? null,
  };
}
