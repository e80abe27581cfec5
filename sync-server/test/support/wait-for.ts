// Waiting on events with a deadline, never on sleeps: `check` runs now and
// after each event `subscribe` reports; the promise fails after `timeoutMs`
// with a message saying what was awaited.

export type Subscribe = (onEvent: () => void) => () => void;

export function waitFor(
  what: string,
  check: () => boolean,
  subscribe: Subscribe,
  timeoutMs = 10_000,
): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) {
      resolve();
      return;
    }
    const timer = setTimeout(() => {
      unsubscribe();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const unsubscribe = subscribe(() => {
      let done = false;
      try {
        done = check();
      } catch (error) {
        clearTimeout(timer);
        unsubscribe();
        reject(error);
        return;
      }
      if (!done) return;
      clearTimeout(timer);
      unsubscribe();
      resolve();
    });
  });
}

/** Subscribes to an emitter-like object's named event. */
export function onEvent(
  emitter: {
    on(event: string, cb: () => void): unknown;
    off(event: string, cb: () => void): unknown;
  },
  event: string,
): Subscribe {
  return (cb) => {
    emitter.on(event, cb);
    return () => emitter.off(event, cb);
  };
}

/**
 * Waits until `probe` (an HTTP scrape, a file) says yes, asking every `everyMs`: for state
 * outside the process that emits no event (metrics, readiness). Still bounded by `timeoutMs`.
 */
export function pollUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs = 20_000,
  everyMs = 50,
): Promise<void> {
  let ok = false;
  return waitFor(
    what,
    () => ok,
    (cb) => {
      let asking = false;
      const timer = setInterval(() => {
        if (asking) return;
        asking = true;
        void probe()
          .then((answer) => {
            ok = answer;
            cb();
          })
          .catch(() => {})
          .finally(() => {
            asking = false;
          });
      }, everyMs);
      return () => clearInterval(timer);
    },
    timeoutMs,
  );
}
