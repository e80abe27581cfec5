// The projection that keeps the search index in step with the channel documents, whoever changed
// them (run once per turn by MessageProjections). Changed messages wait, as read at the end of
// their turn, and are written together: once `chunk` of them wait, or `flushMs` after the first
// (and when the server stops). Each transaction writes a new segment of the full-text index and
// whole pages of its tables, so writing a quiet channel's messages one by one cost about 60 KB of
// disk per message; waiting up to ten seconds writes a quiet channel's messages ten or so at a
// time (each flush rewrites about 20 pages whatever it holds: 2 s still cost about 18 KB per
// message), and an agent reply streamed in hundreds of appends is indexed a few times, not per
// token. Nobody waits for it:
// a search, the mentions inbox and an agent's search first call `catchUp`, which writes every
// waiting change; after a crash, what was waiting is indexed again at the next start.
// A flush writes at most `chunk` messages per transaction and yields to the event loop between
// chunks: a busy channel's few hundred messages would otherwise hold peers' updates for tens of
// milliseconds. A timed flush never waits for the database's write lock either: while another
// connection holds it (the append worker, through each batch's fsync) it tries again
// `lockRetryMs` later, and after `lockTries` refusals (a lock held longer than a batch: an
// operator's shell, a backup) waits at most `lockWaitMs` a try, every `flushMs`: never the
// connection's busy timeout, which would stall every peer and request for seconds. A message
// stays waiting until a write of it succeeded. `catchUp` waits as long. A deleted message leaves
// the index at once, in the turn that deleted it (before its deletion is acknowledged), waiting
// for the lock if it must. Every write also records, in its transaction, before when every
// change is in the index (the oldest change still waiting, or now): after a crash, what was
// waiting is indexed again from the stored documents at the next start
// (search/index-catch-up.ts).
import type { SearchableMessage } from "@openvibe/schema";
import type { Logger } from "../logger.ts";
import { isIndexable, toIndexRow } from "../search/index-rows.ts";
import type { SearchIndex } from "../search/search-index.ts";
import type { ChannelMessageBatch, MessageProjection } from "./message-projections.ts";

export interface SearchProjectionOptions {
  index: SearchIndex;
  logger: Logger;
  /** How long a change waits at most to be written with others (default 10 s). */
  flushMs?: number;
  /** Most messages a flush writes per transaction, and how many waiting start one (default 64). */
  chunk?: number;
  /** How soon a timed flush tries again when the write lock is taken (default 2 ms). */
  lockRetryMs?: number;
  /** The clock changes are stamped with (default Date.now, as stored updates are). */
  now?: () => number;
  /** Refusals of the lock after which a timed flush waits for it a little (default 100). */
  lockTries?: number;
  /** Longest a write waits for the lock, when it does (default 50 ms). */
  lockWaitMs?: number;
}

/** A message to write as it was read, or null: to remove from the index. */
interface Waiting {
  channelId: string;
  message: SearchableMessage | null;
  /** When it first changed since it was last written (epoch ms). */
  since: number;
}

export class SearchProjection implements MessageProjection {
  readonly projectionName = "search index";
  private readonly options: SearchProjectionOptions;
  /** By message id, in the order they first changed (so the first is the oldest). */
  private readonly waiting = new Map<string, Waiting>();
  /** The next flush; `soon`: on the next turn. */
  private scheduled: { cancel: () => void; soon: boolean } | null = null;
  /** Times in a row the write lock was taken when a timed flush tried. */
  private lockRefusals = 0;

  constructor(options: SearchProjectionOptions) {
    this.options = options;
  }

  project(batch: ChannelMessageBatch): void {
    const removed: string[] = [];
    const now = this.now();
    for (const id of batch.changed) {
      const message = batch.message(id);
      const since = this.waiting.get(id)?.since ?? now;
      const { channelId } = batch;
      if (isIndexable(message)) {
        this.waiting.set(id, { channelId, message, since });
      } else {
        this.waiting.set(id, { channelId, message: null, since });
        removed.push(id);
      }
    }
    if (removed.length > 0) this.write(removed, "busy-timeout");
    this.scheduleFlush();
  }

  /**
   * Writes every waiting change now (the server calls it before closing the database); false
   * when some could not be written (the next start then catches up, index-catch-up.ts).
   */
  flush(): boolean {
    this.scheduled?.cancel();
    this.scheduled = null;
    return this.write([...this.waiting.keys()], "busy-timeout") === "written";
  }

  /**
   * Writes every waiting change now, unless another connection holds the write lock longer than
   * `lockWaitMs` (they stay waiting for the timed flush): before a search, so it finds what was
   * just written.
   */
  catchUp(): void {
    // What stays waiting has its timed flush scheduled already.
    this.write([...this.waiting.keys()], this.lockWaitMs);
  }

  private get flushMs(): number {
    return this.options.flushMs ?? 10_000;
  }

  private get chunk(): number {
    return this.options.chunk ?? 64;
  }

  private get lockWaitMs(): number {
    return this.options.lockWaitMs ?? 50;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  /** Before when every change is in the index once `written` is: the oldest left waiting. */
  private completeBefore(written: ReadonlySet<string>): number {
    for (const [id, waiting] of this.waiting) if (!written.has(id)) return waiting.since;
    return this.now();
  }

  private schedule(delayMs: number): void {
    if (this.scheduled !== null) return;
    const run = () => {
      this.scheduled = null;
      this.flushChunk();
    };
    if (delayMs === 0) {
      const handle = setImmediate(run);
      this.scheduled = { cancel: () => clearImmediate(handle), soon: true };
    } else {
      const handle = setTimeout(run, delayMs);
      handle.unref();
      this.scheduled = { cancel: () => clearTimeout(handle), soon: false };
    }
  }

  /**
   * Schedules the flush of what waits: on the next turn once a chunk waits or the oldest change
   * has waited `flushMs`, else when it will have (a flush already planned sooner stays; so does
   * a wait for the write lock).
   */
  private scheduleFlush(): void {
    const oldest = this.waiting.values().next().value;
    if (oldest === undefined) return;
    const full = this.waiting.size >= this.chunk;
    const dueInMs = full ? 0 : Math.max(0, oldest.since + this.flushMs - this.now());
    if (this.scheduled !== null) {
      if (this.scheduled.soon || this.lockRefusals > 0 || !full) return;
      this.scheduled.cancel();
      this.scheduled = null;
    }
    this.schedule(dueInMs);
  }

  /** Writes one chunk, the oldest changes first; the rest wait as `scheduleFlush` says. */
  private flushChunk(): void {
    const ids: string[] = [];
    for (const id of this.waiting.keys()) {
      if (ids.length >= this.chunk) break;
      ids.push(id);
    }
    const heldLong = this.lockRefusals >= (this.options.lockTries ?? 100);
    const outcome = this.write(ids, heldLong ? this.lockWaitMs : 0);
    if (outcome === "locked") {
      this.lockRefusals += 1;
      this.schedule(heldLong ? this.flushMs : (this.options.lockRetryMs ?? 2));
      return;
    }
    this.lockRefusals = 0;
    if (outcome === "failed") {
      // Left waiting: tried again after the usual delay.
      this.schedule(this.flushMs);
      return;
    }
    this.scheduleFlush();
  }

  /**
   * Writes these waiting messages in one transaction, waiting for another connection's write lock
   * at most `waitMs` (or the connection's busy timeout): "locked" when it was still held
   * (nothing written).
   */
  private write(
    ids: readonly string[],
    waitMs: number | "busy-timeout",
  ): "written" | "locked" | "failed" {
    if (ids.length === 0) return "written";
    const rows = [];
    const removed = [];
    for (const id of ids) {
      const waiting = this.waiting.get(id);
      if (waiting === undefined) continue;
      if (waiting.message === null) removed.push(id);
      else rows.push(toIndexRow(waiting.channelId, waiting.message));
    }
    const completeBefore = this.completeBefore(new Set(ids));
    const { index } = this.options;
    try {
      if (waitMs === "busy-timeout") index.write(rows, removed, completeBefore);
      else if (!index.tryWrite(rows, removed, waitMs, completeBefore)) return "locked";
    } catch (error) {
      this.options.logger.error({ err: error }, "could not write the search index");
      return "failed";
    }
    for (const id of ids) this.waiting.delete(id);
    return "written";
  }
}
