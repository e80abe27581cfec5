// How every peer's socket reconnects after the server goes away (the browser's and the test
// clients'): exponential backoff with full jitter, the first attempt included, so the clients of
// a restarted server come back spread over a second or more instead of all at one instant.
//
// @hocuspocus/provider waits a fixed `delay` after a close, makes its first attempt after
// `initialDelay`, then retries after a random wait between `minDelay` and
// `delay * factor ** (attempt - 1)` (at most `maxDelay`). With its defaults (`minDelay` equal to
// `delay`, `initialDelay` 0) every client's first two attempts fall exactly 1 s and 2 s after the
// close: no jitter at all where it matters, so a server back within those 2 s took every client
// in the same instant. Here the first attempt after a close waits a random part of `delay` more
// (`jitterFirstAttempt`), and retries may come as soon as `minDelay`.
export const RECONNECT_OPTIONS = {
  delay: 1_000,
  initialDelay: 0,
  minDelay: 100,
  factor: 2,
  maxDelay: 10_000,
  jitter: true,
  maxAttempts: 0,
} as const;

/** The part of the provider's socket that `jitterFirstAttempt` needs. */
export interface ReconnectingSocket {
  configuration: { initialDelay: number };
  on(event: "disconnect", listener: () => void): unknown;
}

/**
 * Draws a new random wait (0 to `delay`) before the first attempt after each close. The socket's
 * first connection still starts at once.
 */
export function jitterFirstAttempt(socket: ReconnectingSocket, random = Math.random): void {
  socket.on("disconnect", () => {
    socket.configuration.initialDelay = Math.floor(random() * RECONNECT_OPTIONS.delay);
  });
}
