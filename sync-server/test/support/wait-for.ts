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
