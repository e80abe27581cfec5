// An AbortSignal that fires when the caller's signal does, or when a stream
// has been silent for too long (a stalled connection never ends by itself).

export interface IdleTimeout {
  signal: AbortSignal;
  /** Call on every sign of life. */
  touch(): void;
  /** Whether the silence limit (not the caller) aborted. */
  stalled(): boolean;
  dispose(): void;
}

export function idleTimeout(parent: AbortSignal, idleMs: number): IdleTimeout {
  const controller = new AbortController();
  let timedOut = false;
  let timer: NodeJS.Timeout | undefined;
  const onParentAbort = () => controller.abort(parent.reason);
  if (parent.aborted) controller.abort(parent.reason);
  else parent.addEventListener("abort", onParentAbort, { once: true });
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort(new Error(`no data for ${idleMs} ms`));
    }, idleMs);
  };
  touch();
  return {
    signal: controller.signal,
    touch,
    stalled: () => timedOut,
    dispose() {
      clearTimeout(timer);
      parent.removeEventListener("abort", onParentAbort);
    },
  };
}
