// Work done in steps: a generator that yields between steps (a segment searched, say), so the
// same code runs straight through (finish) or, in the worker, a few milliseconds at a time with
// a chance to give up between them (a newer search has come).
export type Steps<T> = Generator<void, T, void>;

/** Runs every step and returns the result. */
export function finish<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}
