// Waiting for presence (Yjs awareness) to reach a real provider, on its change events.
import type { OpenChannel } from "./peers.ts";
import { waitFor } from "./wait-for.ts";

/** Resolves once `channel` sees a presence state carrying `field` = `value`. */
export function presenceOf(channel: OpenChannel, field: string, value: string): Promise<void> {
  const awareness = channel.provider.awareness;
  if (awareness === null) throw new Error("the provider has no awareness");
  return waitFor(
    `presence ${field}=${value}`,
    () => [...awareness.getStates().values()].some((state) => state[field] === value),
    (cb) => {
      awareness.on("change", cb);
      return () => awareness.off("change", cb);
    },
  );
}
