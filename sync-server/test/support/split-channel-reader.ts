// Reads a channel in the split layout as a device does: the thread index from the channel
// document, then each thread's own document (opened and kept open, by thread id).
import { listThreadIndex, type ThreadIndexSummary, threadDocumentName } from "@openvibe/schema";
import type { OpenChannel, Peer } from "./peers.ts";

export interface SplitChannelReplicas {
  channel: OpenChannel;
  /** The channel's threads as its index lists them. */
  index: ThreadIndexSummary[];
  /** Every listed thread's document, by thread id. */
  threads: Map<string, OpenChannel>;
  /** The document of a listed thread (throws for one the index does not list). */
  thread(threadId: string): OpenChannel;
}

export async function openSplitChannel(
  peer: Peer,
  channelId: string,
): Promise<SplitChannelReplicas> {
  const channel = await peer.open(channelId);
  const index = listThreadIndex(channel.doc);
  const threads = new Map<string, OpenChannel>();
  for (const { id } of index) {
    threads.set(id, await peer.openDocument(threadDocumentName(channelId, id)));
  }
  return {
    channel,
    index,
    threads,
    thread: (threadId) => {
      const thread = threads.get(threadId);
      if (thread === undefined) throw new Error(`the index of ${channelId} lists no ${threadId}`);
      return thread;
    },
  };
}
