// Wakes bridges that wait for work (long-polling claims) when a task is queued,
// and all of them at once when the server shuts down (an open long poll would
// otherwise hold the HTTP server's close for up to its whole wait).
import { EventEmitter, once } from "node:events";

export class TaskQueueSignal {
  private readonly emitter = new EventEmitter();
  private isClosed = false;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** True once the server is shutting down: claims answer "no work" at once. */
  get closed(): boolean {
    return this.isClosed;
  }

  notify(): void {
    this.emitter.emit("queued");
  }

  close(): void {
    this.isClosed = true;
    this.emitter.emit("queued");
  }

  /** Resolves when a task is queued, the timeout passes, `signal` aborts or the queue closes. */
  async wait(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    if (this.isClosed) return;
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal === undefined ? timeout : AbortSignal.any([timeout, signal]);
    try {
      await once(this.emitter, "queued", { signal: combined });
    } catch {
      // Timed out or aborted: the caller looks for work once more either way.
    }
  }
}
