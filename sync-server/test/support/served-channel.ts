// Proof that a channel is served while another channel's updates cannot be stored: its stored
// thread's document (the channel is split), opened over two sockets that already hold the failing
// channel, loads and syncs, presence passes between them, and a new client opens and reads it.
import { threadDocumentName, threadView } from "@openvibe/schema";
import { expect } from "vitest";
import type { OpenChannel, Peer } from "./peers.ts";
import { waitFor } from "./wait-for.ts";

/** Resolves once `channel` sees a presence state carrying `field` = `value`. */
function presenceOf(channel: OpenChannel, field: string, value: string): Promise<void> {
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

export async function expectChannelServed(
  channelId: string,
  stored: { threadId: string; bodies: string[] },
  peers: { first: Peer; second: Peer; newcomer: Peer },
): Promise<void> {
  const bodies = (channel: OpenChannel) =>
    threadView(channel.doc, stored.threadId)?.messages.map((m) => m.body);
  const name = threadDocumentName(channelId, stored.threadId);
  const [first, second] = await Promise.all([
    peers.first.openDocument(name),
    peers.second.openDocument(name),
  ]);
  expect(bodies(first)).toEqual(stored.bodies);
  expect(bodies(second)).toEqual(stored.bodies);
  first.provider.setAwarenessField("viewing", stored.threadId);
  await presenceOf(second, "viewing", stored.threadId);
  expect(bodies(await peers.newcomer.openDocument(name))).toEqual(stored.bodies);
}
