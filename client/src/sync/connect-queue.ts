// How many documents start syncing at once. At sign-in every joined channel's document opens (for
// unread badges), and thread documents after them; hundreds of providers attaching together would
// flood the one shared socket (the server queues at most a bounded number of documents waiting to
// authenticate per socket) and the main thread. Each document (keyed by its name) takes a slot
// until its first sync ends (synced, refused or closed) or a deadline passes; the document on
// screen goes to the front of the queue. A document fetched in the background
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
    if (key === this.preferred) this.waiting.unshift(entry);
    else this.waiting.push(entry);
    this.drain();
    return () => {
      const index = this.waiting.indexOf(entry);
      if (index !== -1) this.waiting.splice(index, 1);
      this.background.delete(key);
    };
  }

  /** `key`, waiting now or later, starts after every other document until it is promoted. */
  inBackground(key: string): void {
    this.background.add(key);
  }

  /** Moves `key` to the front of the queue, now or when it comes (the channel on screen). */
  promote(key: string): void {
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

  private drain(): void {
    while (this.running < this.options.concurrency) {
      const index = this.waiting.findIndex((each) => !this.background.has(each.key));
      const [entry] = this.waiting.splice(index === -1 ? 0 : index, 1);
      if (entry === undefined) return;
      this.background.delete(entry.key);
      this.running += 1;
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, this.options.slotTimeoutMs);
      });
      // A start that fails frees its slot like one that ends (the replica reports its errors).
      const over = entry.start().catch(() => undefined);
      void Promise.race([over, deadline]).then(() => {
        clearTimeout(timer);
        this.running -= 1;
        this.drain();
      });
    }
  }
}
