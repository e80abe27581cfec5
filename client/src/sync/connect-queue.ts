// How many documents start syncing at once. At sign-in every joined channel's document opens (for
// unread badges), and thread documents after them; hundreds of providers attaching together would
// flood the one shared socket (the server queues at most a bounded number of documents waiting to
// authenticate per socket) and the main thread. Each document (keyed by its name) takes a slot
// until its first sync ends (synced, refused or closed) or a deadline passes; the document on
// screen goes to the front of the queue, and syncs alone: until its first sync is over (or its
// deadline passed, from when it was promoted), no other document starts, even while it still
// reads its local copy before joining the queue. Twenty channel documents of about 1 MB each
// syncing together made the one on screen wait for the others' answers and their work on the
// main thread (the sign-in benchmark: scripts/bench/client --channels 20). A document fetched in the background
// (offline/offline-keeper.ts) waits behind every other one until it is promoted (someone opens it
// on screen).

export interface ConnectQueueOptions {
  /** Channels syncing their first time at once. */
  concurrency: number;
  /** A slot is freed after this long even if the sync has not finished (a stuck server answer). */
  slotTimeoutMs: number;
}

interface Waiting {
  readonly key: string;
  readonly start: () => Promise<void>;
}

export class ConnectQueue {
  private readonly options: ConnectQueueOptions;
  private readonly waiting: Waiting[] = [];
  private running = 0;
  /** The channel last promoted: it goes first even if it is enqueued later. */
  private preferred: string | null = null;
  /** Until when the other documents wait for `preferred`'s first sync. */
  private holdUntil = 0;
  private holdTimer: ReturnType<typeof setTimeout> | undefined;
  /** Documents syncing now, and those whose first sync is over (synced, refused, closed, timed out). */
  private readonly started = new Set<string>();
  private readonly over = new Set<string>();
  /** Documents fetched in the background: they start only when nothing else waits. */
  private readonly background = new Set<string>();

  constructor(options: ConnectQueueOptions) {
    this.options = options;
  }

  /**
   * Runs `start` (which resolves when its first sync is over) once a slot is free. Returns a
   * function that takes it out of the queue if it has not started.
   */
  enqueue(key: string, start: () => Promise<void>): () => void {
    const entry = { key, start };
    this.over.delete(key);
    this.started.delete(key);
    if (key === this.preferred) this.waiting.unshift(entry);
    else this.waiting.push(entry);
    this.drain();
    return () => {
      const index = this.waiting.indexOf(entry);
      if (index !== -1) this.waiting.splice(index, 1);
      this.background.delete(key);
      if (!this.started.has(key)) this.finished(key);
    };
  }

  /** `key`, waiting now or later, starts after every other document until it is promoted. */
  inBackground(key: string): void {
    this.background.add(key);
  }

  /** Moves `key` to the front of the queue, now or when it comes (the channel on screen). */
  promote(key: string): void {
    if (this.preferred !== key || this.over.has(key)) {
      this.holdUntil = performance.now() + this.options.slotTimeoutMs;
    }
    this.preferred = key;
    this.background.delete(key);
    const index = this.waiting.findIndex((entry) => entry.key === key);
    if (index <= 0) return;
    const [entry] = this.waiting.splice(index, 1);
    if (entry !== undefined) this.waiting.unshift(entry);
  }

  /** Channels waiting for a slot. */
  get pending(): number {
    return this.waiting.length;
  }

  /** Whether the others wait now for the document on screen (its first sync not over). */
  private holding(): boolean {
    const key = this.preferred;
    if (key === null || this.over.has(key)) return false;
    const waitFor = this.holdUntil - performance.now();
    if (waitFor <= 0) return false;
    clearTimeout(this.holdTimer);
    this.holdTimer = setTimeout(() => this.drain(), waitFor);
    return true;
  }

  private finished(key: string): void {
    this.started.delete(key);
    this.over.add(key);
    if (key === this.preferred) clearTimeout(this.holdTimer);
  }

  private drain(): void {
    while (this.running < this.options.concurrency) {
      const first = this.waiting[0];
      if (first === undefined) return;
      // The document on screen, waiting, is first (promote and enqueue put it there).
      if (first.key !== this.preferred && this.holding()) return;
      const index = this.waiting.findIndex((each) => !this.background.has(each.key));
      const [entry] = this.waiting.splice(index === -1 ? 0 : index, 1);
      if (entry === undefined) return;
      this.background.delete(entry.key);
      this.started.add(entry.key);
      this.running += 1;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.options.slotTimeoutMs);
      });
      // A start that fails frees its slot like one that ends (the replica reports its errors).
      const over = entry.start().catch(() => undefined);
      void Promise.race([over, deadline]).then(() => {
        clearTimeout(timer);
        this.finished(entry.key);
        this.running -= 1;
        this.drain();
      });
    }
  }
}
