// The worker's half of dropping stale searches: a search waits one turn of the event loop before
// it runs, and a newer one received meanwhile (typed while the worker was busy, so already
// queued behind it) takes its place. A burst of keystrokes costs one search, the last. A search
// that runs in steps asks `isCurrent` between them and stops once a newer one has come.
import { yieldToEventLoop } from "../chunked.ts";

export class NewestOnly<T> {
  private waiting: T | null = null;
  private newest: T | null = null;
  private readonly run: (request: T, isCurrent: () => boolean) => void;
  private readonly turn: () => Promise<void>;

  constructor(
    run: (request: T, isCurrent: () => boolean) => void,
    turn: () => Promise<void> = yieldToEventLoop,
  ) {
    this.run = run;
    this.turn = turn;
  }

  receive(request: T): void {
    this.newest = request;
    const scheduled = this.waiting !== null;
    this.waiting = request;
    if (scheduled) return;
    void this.turn().then(() => {
      const newest = this.waiting;
      this.waiting = null;
      if (newest !== null) this.run(newest, () => this.newest === newest);
    });
  }
}
