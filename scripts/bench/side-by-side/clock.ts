// The machine's clock for timing across load generators: performance.now() counts from each
// process's own start, so a schedule two processes share, and a message one sends and the other
// receives, are timed on performance.timeOrigin + performance.now() instead.

/** Milliseconds on the machine's clock, the same in every process on it. */
export function clockMs(): number {
  return performance.timeOrigin + performance.now();
}
