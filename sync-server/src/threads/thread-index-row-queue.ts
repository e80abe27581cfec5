// The `thread_index` rows ThreadIndexProjection derives, written together. A busy thread's
// digest is derived about once a second, and each row written alone was a commit of its own (two
// pages of 4 KB and an fsync: about 8 KB of disk per message in a quiet channel, benchmark 3b).
// Rows wait up to `waitMs` after the first, the latest per thread document replacing the one
// before, then are written in one transaction. Nobody sees the wait: the row is what pages a
// channel's older threads (the channel document holds the recent ones already), and the thread
// list flushes before it reads; a thread document loaded while its row waits is derived again;
// the projection flushes when the server stops; and what a crash loses is redone by the catch-up
// at the next start, which finds thread documents stored after their row.
import { threadDocumentName } from "@openvibe/schema";
import type { Logger } from "../logger.ts";
import type { ThreadIndexRows, ThreadIndexWrite } from "./thread-index-rows.ts";

export interface ThreadIndexRowQueueOptions {
  rows: ThreadIndexRows;
  /** Longest a row waits to be written with others. */
  waitMs: number;
  logger: Logger;
}

export class ThreadIndexRowQueue {
  private readonly options: ThreadIndexRowQueueOptions;
  /** By thread document name. */
  private readonly waiting = new Map<string, ThreadIndexWrite>();
  private timer: NodeJS.Timeout | null = null;

  constructor(options: ThreadIndexRowQueueOptions) {
    this.options = options;
  }

  /** Queues the row (replacing the thread's waiting one), written within `waitMs`. */
  add(row: ThreadIndexWrite): void {
    this.waiting.set(threadDocumentName(row.channelId, row.threadId), row);
    if (this.timer === null) this.scheduleFlush();
  }

  /** Writes every waiting row now, in one transaction; a failure leaves them waiting (logged). */
  flush(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    if (this.waiting.size === 0) return;
    const rows = [...this.waiting.values()];
    try {
      this.options.rows.writeAll(rows);
    } catch (error) {
      this.options.logger.error({ err: error, rows: rows.length }, "could not index threads");
      // A later flush writes them; so does the catch-up at the next start.
      this.scheduleFlush();
      return;
    }
    this.waiting.clear();
  }

  private scheduleFlush(): void {
    this.timer = setTimeout(() => this.flush(), this.options.waitMs);
    this.timer.unref();
  }
}
