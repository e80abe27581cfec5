// The `thread_index` table (migration 0023): one row per thread document of a split channel, the
// digest the server last derived from it (threads/thread-index-projection.ts) and which stored
// state it was derived from. Pages of a channel's threads by last activity come from here (the
// channel document holds only the most recent ones); the catch-up finds thread documents stored
// after their row. Every statement is prepared once per connection.
import {
  readStoredThreadDigest,
  storedThreadDigest,
  THREAD_DOCUMENT_PREFIX,
  type ThreadDigest,
  threadDocumentName,
} from "@openvibe/schema";
import type Database from "better-sqlite3";

export interface ThreadIndexRow {
  readonly threadId: string;
  readonly digest: ThreadDigest;
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

/** The first name after every `thread:` name (`;` follows `:`), for range scans of the key. */
const AFTER_THREADS = `${THREAD_DOCUMENT_PREFIX.slice(0, -1)};`;

/** The range of names of one channel's thread documents: [from, to). */
function threadDocumentRange(channelId: string): { from: string; to: string } {
  return {
    from: `${THREAD_DOCUMENT_PREFIX}${channelId}:`,
    to: `${THREAD_DOCUMENT_PREFIX}${channelId};`,
  };
}

function rangeOf(channelId: string | undefined): { from: string; to: string } {
  return channelId === undefined
    ? { from: THREAD_DOCUMENT_PREFIX, to: AFTER_THREADS }
    : threadDocumentRange(channelId);
}

/** The last stored sequence number of a document (0: nothing stored). */
const LAST_SEQ = `max(d.snapshot_through, coalesce(
  (select max(u.seq) from document_updates u where u.document_name = d.name), 0))`;

function parseRow(row: { threadId: string; digest: string }): ThreadIndexRow | undefined {
  const digest = readStoredThreadDigest(JSON.parse(row.digest));
  return digest === undefined ? undefined : { threadId: row.threadId, digest };
}

export class ThreadIndexRows {
  private readonly upsert;
  private readonly pageFirst;
  private readonly pageAfter;
  private readonly lastSeq;
  private readonly unindexed;
  private readonly stored;
  private readonly storedThreads;

  constructor(db: Database.Database) {
    this.upsert = db.prepare<{
      channelId: string;
      threadId: string;
      documentName: string;
      digest: string;
      lastActivityAt: string;
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
    this.pageFirst = db.prepare<[string, number], { threadId: string; digest: string }>(
      `SELECT thread_id AS threadId, digest FROM thread_index WHERE channel_id = ?
       ORDER BY last_activity_at DESC, thread_id ASC LIMIT ?`,
    );
    this.pageAfter = db.prepare<
      { channelId: string; at: string; threadId: string; limit: number },
      { threadId: string; digest: string }
    >(
      `SELECT thread_id AS threadId, digest FROM thread_index WHERE channel_id = :channelId
         AND (last_activity_at < :at OR (last_activity_at = :at AND thread_id > :threadId))
       ORDER BY last_activity_at DESC, thread_id ASC LIMIT :limit`,
    );
    this.lastSeq = db.prepare<[string], { seq: number }>(
      `SELECT ${LAST_SEQ} AS seq FROM documents d WHERE d.name = ?`,
    );
    this.unindexed = db.prepare<[string, string], StoredThreadDocument>(
      `SELECT d.name AS documentName, ${LAST_SEQ} AS storedThrough FROM documents d
         LEFT JOIN thread_index t ON t.document_name = d.name
       WHERE d.name >= ? AND d.name < ?
         AND (t.stored_through IS NULL OR t.stored_through < ${LAST_SEQ})
       ORDER BY d.name`,
    );
    this.stored = db.prepare<[string, string], StoredThreadDocument>(
      `SELECT d.name AS documentName, ${LAST_SEQ} AS storedThrough FROM documents d
       WHERE d.name >= ? AND d.name < ? ORDER BY d.name`,
    );
    this.storedThreads = db.prepare<[string, string], { n: number }>(
      "SELECT count(*) AS n FROM documents WHERE name >= ? AND name < ?",
    );
  }

  /** Records `digest` (as deriveThreadIndexEntry gives it) as derived from the document's stored state through `storedThrough`. */
  write(channelId: string, threadId: string, digest: ThreadDigest, storedThrough: number): void {
    this.upsert.run({
      channelId,
      threadId,
      documentName: threadDocumentName(channelId, threadId),
      digest: JSON.stringify(storedThreadDigest(digest)),
      lastActivityAt: digest.lastActivityAt,
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

  /** Thread documents (of every channel, or of one) stored after their row was written. */
  unindexedDocuments(channelId?: string): StoredThreadDocument[] {
    const { from, to } = rangeOf(channelId);
    return this.unindexed.all(from, to);
  }

  /** Every stored thread document (of every channel, or of one), by name. */
  storedDocuments(channelId?: string): StoredThreadDocument[] {
    const { from, to } = rangeOf(channelId);
    return this.stored.all(from, to);
  }

  /** How many thread documents of the channel the store holds. */
  storedThreadCount(channelId: string): number {
    const { from, to } = threadDocumentRange(channelId);
    return this.storedThreads.get(from, to)?.n ?? 0;
  }
}

/** The names of a channel's stored thread documents (for rebuilds of the search index). */
export function threadDocumentNames(rows: ThreadIndexRows): (channelId: string) => string[] {
  return (channelId) => rows.storedDocuments(channelId).map((stored) => stored.documentName);
}
