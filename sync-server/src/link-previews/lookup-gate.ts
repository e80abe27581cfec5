// Link previews resolve one name at a time. Node resolves names with getaddrinfo on libuv's
// thread pool: four threads, shared with file reads, sharp's thumbnails and scrypt for
// passwords. A link whose name server never answers holds a thread for the resolver's whole
// timeout, and links posted in numbers could hold all four, stalling sign-ins and uploads. Behind
// this gate at most one pool thread is ever the previews'; the others wait their turn, and a
// wait whose fetch has given up (its deadline passed) never resolves at all.

export class LookupGate {
  private busy = false;
  private readonly waiting: (() => void)[] = [];

  /**
   * Runs `lookup` when no other is in flight; it calls `done` when its answer is in. A caller
   * whose `signal` aborts while waiting gets `onAborted` instead, and its lookup never runs.
   */
  run(lookup: (done: () => void) => void, signal: AbortSignal, onAborted: () => void): void {
    const start = () => {
      if (signal.aborted) {
        onAborted();
        this.next();
        return;
      }
      lookup(() => this.next());
    };
    if (this.busy) this.waiting.push(start);
    else {
      this.busy = true;
      start();
    }
  }

  private next(): void {
    const start = this.waiting.shift();
    if (start === undefined) this.busy = false;
    else start();
  }
}
