// Long work in slices: runs `step` over the items, giving the event loop back every few
// milliseconds so typing and scrolling stay smooth while 100k messages are indexed.

/** Time spent per slice before yielding. */
export const SLICE_MS = 8;

/** Yields to the event loop (a message-channel task: not clamped like nested timeouts). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/**
 * Calls `step` for each item, yielding after each slice; `onSlice` gets the number done so far.
 * Stops early (returning false) when `cancelled` turns true.
 */
export async function forEachInSlices<T>(
  items: readonly T[],
  step: (item: T) => void,
  options: { onSlice?: (done: number) => void; cancelled?: () => boolean } = {},
): Promise<boolean> {
  let index = 0;
  while (index < items.length) {
    if (options.cancelled?.() === true) return false;
    const deadline = performance.now() + SLICE_MS;
    while (index < items.length && performance.now() < deadline) {
      const item = items[index];
      if (item !== undefined) step(item);
      index++;
    }
    options.onSlice?.(index);
    if (index < items.length) await yieldToEventLoop();
  }
  return true;
}
