// When this replica first saw each message arrive live from the server, so a
// message whose stamp is much older than its arrival can be marked "sent
// while offline". Only messages that appear in a list (a thread or a fork)
// already on screen, while connected and synced, get an arrival time: what
// was there when the list was first read, or came in the catch-up sync after
// a reconnection, has none, since nothing says when it reached the server.

/** A message arriving more than this after its stamp was written offline. */
export const OFFLINE_THRESHOLD_MS = 60_000;

export function isSentWhileOffline(
  stampWallTimeMs: number,
  arrivedAtMs: number | undefined,
  thresholdMs = OFFLINE_THRESHOLD_MS,
): boolean {
  return arrivedAtMs !== undefined && arrivedAtMs - stampWallTimeMs > thresholdMs;
}

export class ArrivalLog {
  private readonly lists = new Set<string>();
  private readonly known = new Set<string>();
  private readonly arrivals = new Map<string, number>();

  /**
   * Records the ids of list `listId` not seen before; they arrived now when `live` (connected
   * and synced) and the list had been read before.
   */
  observe(listId: string, messageIds: Iterable<string>, live: boolean, now: number): void {
    const listSeen = this.lists.has(listId);
    this.lists.add(listId);
    for (const id of messageIds) {
      if (this.known.has(id)) continue;
      this.known.add(id);
      if (live && listSeen) this.arrivals.set(id, now);
    }
  }

  arrivedAt(messageId: string): number | undefined {
    return this.arrivals.get(messageId);
  }
}
