// The `thread_index` table (migration 0022): one row per thread document of a split channel, the
// digest the server last derived from it (threads/thread-index-projection.ts) and which stored
// state it was derived from. Pages of a channel's threads by last activity come from here (the
// channel document holds only the most recent ones); the catch-up finds thread documents stored
// after their row. Every statement is prepared once per connection.
import {
  readStoredThreadDigest,
  storedThreadDigest,
  type ThreadDigest,
  threadDocumentName,
  threadDocumentNameRange,
} from "@openvibe/schema";
import type Database from "better-sqlite3";

export interface ThreadIndexRow {
  readonly threadId: string;
  readonly digest: ThreadDigest;
}

/** A digest to record (null: the document holds no thread), and the stored state it is of. */
export interface ThreadIndexWrite {
  readonly channelId: string;
  readonly threadId: string;
  readonly digest: ThreadDigest | null;
  readonly storedThrough: number;
}

/** Where a page starts: after this thread in the order (activity descending, id ascending). */
export interface ThreadIndexPosition {
  readonly lastActivityAt: string;
  readonly threadId: string;
}

/** A stored thread document, and its last stored update. */
export interface StoredThreadDocument {
  readonly documentName: string;
  readonly storedThrough: number;
}

/** The last stored sequence number of a document (0: nothing stored). */
const LAST_SEQ = `max(d.snapshot_through, coalesce(
  (select max(u.seq) from document_updates u where u.document_name = d.name), 0))`;

function parseRow(row: { threadId: string; digest: string | null }): ThreadIndexRow | undefined {
  const digest = row.digest === null ? undefined : readStoredThreadDigest(JSON.parse(row.digest));
  return digest === undefined ? undefined : { threadId: row.threadId, digest };
}

/** The last logged update of each document named in [?, ?), in one pass over the log's key. */
const RANGE_LAST_SEQ = `SELECT document_name AS name, max(seq) AS seq FROM document_updates
  WHERE document_name >= ? AND document_name < ? GROUP BY document_name`;

export class ThreadIndexRows {
  private readonly upsert;
  private readonly pageFirst;
  private readonly pageAfter;
  private readonly lastSeq;
  private readonly unindexed;
  private readonly stored;
  private readonly storedThreads;
  private readonly current;
  private readonly namesEvery;
  /** Records each row as `write` does, in one transaction (one commit for them all). */
  readonly writeAll: (rows: readonly ThreadIndexWrite[]) => void;

  constructor(db: Database.Database) {
    this.upsert = db.prepare<{
      channelId: string;
      threadId: string;
      documentName: string;
      digest: string | null;
      lastActivityAt: string | null;
      storedThrough: number;
      updatedAt: number;
    }>(
      `INSERT INTO thread_index (channel_id, thread_id, document_name, digest, last_activity_at,
         stored_through, updated_at)
       VALUES (:channelId, :threadId, :documentName, :digest, :lastActivityAt, :storedThrough,
         :updatedAt)
       ON CONFLICT (channel_id, thread_id) DO UPDATE SET digest = excluded.digest,
         last_activity_at = excluded.last_activity_at,
         stored_through = max(stored_through, excluded.stored_through),
         updated_at = excluded.updated_at`,
    );
    this.pageFirst = db.prepare<[string, number], { threadId: string; digest: string | null }>(
      `SELECT thread_id AS threadId, digest FROM thread_index
       WHERE channel_id = ? AND digest IS NOT NULL
       ORDER BY last_activity_at DESC, thread_id ASC LIMIT ?`,
    );
    this.pageAfter = db.prepare<
      { channelId: string; at: string; threadId: string; limit: number },
      { threadId: string; digest: string | null }
    >(
      `SELECT thread_id AS threadId, digest FROM thread_index WHERE channel_id = :channelId
         AND digest IS NOT NULL AND (last_activity_at < :at OR (last_activity_at = :at AND thread_id > :threadId))
       ORDER BY last_activity_at DESC, thread_id ASC LIMIT :limit`,
    );
    this.lastSeq = db.prepare<[string], { seq: number }>(
      `SELECT ${LAST_SEQ} AS seq FROM documents d WHERE d.name = ?`,
    );
    // The last stored update of every document in the range comes from one pass over the log's
    // key (RANGE_LAST_SEQ), not a lookup per document: each lookup compares its way down the
    // clustered key through rows whose update spills over several pages, and reads them whole.
    this.unindexed = db.prepare<[string, string, string, string], StoredThreadDocument>(
      `WITH last AS (${RANGE_LAST_SEQ})
       SELECT d.name AS documentName, max(d.snapshot_through, coalesce(l.seq, 0)) AS storedThrough
       FROM documents d LEFT JOIN last l ON l.name = d.name
         LEFT JOIN thread_index t ON t.document_name = d.name
       WHERE d.name >= ? AND d.name < ?
         AND (t.stored_through IS NULL
           OR t.stored_through < max(d.snapshot_through, coalesce(l.seq, 0)))
       ORDER BY d.name`,
    );
    this.stored = db.prepare<[string, string, string, string], StoredThreadDocument>(
      `WITH last AS (${RANGE_LAST_SEQ})
       SELECT d.name AS documentName, max(d.snapshot_through, coalesce(l.seq, 0)) AS storedThrough
       FROM documents d LEFT JOIN last l ON l.name = d.name
       WHERE d.name >= ? AND d.name < ? ORDER BY d.name`,
    );
    this.current = db.prepare<[string], { one: number }>(
      `SELECT 1 AS one FROM thread_index t JOIN documents d ON d.name = t.document_name
       WHERE t.document_name = ? AND t.stored_through >= ${LAST_SEQ}`,
    );
    this.namesEvery = db.prepare<[string, string, number], { name: string }>(
      `SELECT name FROM (SELECT name, row_number() OVER (ORDER BY name) AS n FROM documents
         WHERE name >= ? AND name < ?) WHERE (n - 1) % ? = 0 ORDER BY name`,
    );
    this.storedThreads = db.prepare<[string, string], { n: number }>(
      "SELECT count(*) AS n FROM documents WHERE name >= ? AND name < ?",
    );
    this.writeAll = db.transaction((rows: readonly ThreadIndexWrite[]) => {
      for (const row of rows)
        this.write(row.channelId, row.threadId, row.digest, row.storedThrough);
    });
  }

  /**
   * Records `digest` (as deriveThreadIndexEntry gives it; null: the document holds no thread) as
   * derived from the document's stored state through `storedThrough`.
   */
  write(
    channelId: string,
    threadId: string,
    digest: ThreadDigest | null,
    storedThrough: number,
  ): void {
    this.upsert.run({
      channelId,
      threadId,
      documentName: threadDocumentName(channelId, threadId),
      digest: digest === null ? null : JSON.stringify(storedThreadDigest(digest)),
      lastActivityAt: digest?.lastActivityAt ?? null,
      storedThrough,
      updatedAt: Date.now(),
    });
  }

  /** Threads by last activity, newest first, after `after` when given. */
  page(channelId: string, after: ThreadIndexPosition | null, limit: number): ThreadIndexRow[] {
    const rows =
      after === null
        ? this.pageFirst.all(channelId, limit)
        : this.pageAfter.all({
            channelId,
            at: after.lastActivityAt,
            threadId: after.threadId,
            limit,
          });
    return rows.flatMap((row) => parseRow(row) ?? []);
  }

  /** The document's last stored update (0 when nothing is stored). */
  storedThrough(documentName: string): number {
    return this.lastSeq.get(documentName)?.seq ?? 0;
  }

  /** Whether the document's row was derived from everything stored of it. */
  isCurrent(documentName: string): boolean {
    return this.current.get(documentName) !== undefined;
  }

  /** Thread documents (of every channel, or of one) stored after their row was written. */
  unindexedDocuments(channelId?: string): StoredThreadDocument[] {
    const { from, to } = threadDocumentNameRange(channelId);
    return this.unindexedIn(from, to);
  }

  /** Those of them named in [from, to). */
  unindexedIn(from: string, to: string): StoredThreadDocument[] {
    return this.unindexed.all(from, to, from, to);
  }

  /** The name of every `every`-th stored thread document, from the first: where parts start. */
  threadDocumentNamesEvery(every: number): string[] {
    const { from, to } = threadDocumentNameRange();
    return this.namesEvery.all(from, to, every).map((row) => row.name);
  }

  /** Every stored thread document (of every channel, or of one), by name. */
  storedDocuments(channelId?: string): StoredThreadDocument[] {
    const { from, to } = threadDocumentNameRange(channelId);
    return this.stored.all(from, to, from, to);
  }

  /** How many thread documents of the channel the store holds. */
  storedThreadCount(channelId: string): number {
    const { from, to } = threadDocumentNameRange(channelId);
    return this.storedThreads.get(from, to)?.n ?? 0;
  }
}
