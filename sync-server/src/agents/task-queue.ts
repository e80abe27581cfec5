// Wakes bridges that wait for work (long-polling claims) when a task is queued.
import { EventEmitter, once } from "node:events";

export class TaskQueueSignal {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  notify(): void {
    this.emitter.emit("queued");
  }

  /** Resolves when a task is queued, the timeout passes or `signal` aborts, whichever comes first. */
  async wait(timeoutMs: number, signal?: AbortSignal): Promise<void> {
    const timeout = AbortSignal.timeout(timeoutMs);
    const combined = signal === undefined ? timeout : AbortSignal.any([timeout, signal]);
    try {
      await once(this.emitter, "queued", { signal: combined });
    } catch {
      // Timed out or aborted: the caller looks for work once more either way.
    }
  }
}
