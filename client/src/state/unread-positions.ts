// Read positions of one person on this device, in Dexie (their own database,
// so other stores' schema versions stay independent): per thread, the stamp of
// the latest message seen; per channel, a floor below which everything counts
// as read. A channel first seen on this device gets its floor at the time the
// person joined it, so the history from before they joined does not show as
// thousands of unread messages, and every device agrees on what came after (a
// floor at the device's "now" hid whatever arrived between joining and the
// device's first look). Positions only move forward. Held in memory too, for
// the synchronous unread computations. Thread positions are also synced to the
// server (unread-sync.ts); channel floors stay on this device, since a floor is
// no reading.
import { formatStamp, type ReadPositionInput, type Stamp } from "@openvibe/schema";
import { Dexie, type EntityTable } from "dexie";
import { Observable } from "./observable.ts";
import type { ReadPositions } from "./unread.ts";

interface PositionRow {
  /** `${channelId}` for the channel floor, `${channelId}/${threadId}` for a thread. */
  key: string;
  stamp: Stamp;
}

class ReadPositionDatabase extends Dexie {
  positions!: EntityTable<PositionRow, "key">;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ positions: "key" });
  }
}

function rowKey(channelId: string, threadId: string | null): string {
  return threadId === null ? channelId : `${channelId}/${threadId}`;
}

/** A thread position from its row key (ids never contain "/"); null for a channel floor. */
function threadPosition(key: string, stamp: Stamp): ReadPositionInput | null {
  const slash = key.indexOf("/");
  if (slash < 0) return null;
  return { channelId: key.slice(0, slash), threadId: key.slice(slash + 1), stamp };
}

export class ReadPositionStore {
  /** Changes whenever a position moves. */
  readonly version = new Observable(0);
  private readonly db: ReadPositionDatabase;
  private readonly stamps = new Map<string, Stamp>();
  private readonly threadMarks = new Set<(position: ReadPositionInput) => void>();

  constructor(userId: string) {
    this.db = new ReadPositionDatabase(`openvibe-reads:${userId}`);
  }

  async load(): Promise<void> {
    for (const row of await this.db.positions.toArray()) this.stamps.set(row.key, row.stamp);
    this.bump();
  }

  positions(channelId: string): ReadPositions {
    const threads = new Map<string, Stamp>();
    const prefix = `${channelId}/`;
    for (const [key, stamp] of this.stamps) {
      if (key.startsWith(prefix)) threads.set(key.slice(prefix.length), stamp);
    }
    return { channel: this.stamps.get(channelId) ?? null, threads };
  }

  /** Gives a channel seen for the first time on this device its floor at `sinceMs`. */
  ensureFloor(channelId: string, sinceMs: number): void {
    if (!this.stamps.has(channelId)) this.advance(rowKey(channelId, null), formatStamp(sinceMs));
  }

  markThread(channelId: string, threadId: string, stamp: Stamp): void {
    if (!this.advance(rowKey(channelId, threadId), stamp)) return;
    for (const listener of this.threadMarks) listener({ channelId, threadId, stamp });
  }

  /** Called when this device moves a thread position forward (not for merged positions). */
  onThreadMark(listener: (position: ReadPositionInput) => void): () => void {
    this.threadMarks.add(listener);
    return () => this.threadMarks.delete(listener);
  }

  /** Every thread position held on this device. */
  threadPositions(): ReadPositionInput[] {
    const positions: ReadPositionInput[] = [];
    for (const [key, stamp] of this.stamps) {
      const position = threadPosition(key, stamp);
      if (position !== null) positions.push(position);
    }
    return positions;
  }

  /** Takes positions from another device (the server's copy); the later stamp wins. */
  merge(positions: readonly ReadPositionInput[]): void {
    for (const { channelId, threadId, stamp } of positions) {
      this.advance(rowKey(channelId, threadId), stamp);
    }
  }

  markChannel(channelId: string, stamp: Stamp): void {
    this.advance(rowKey(channelId, null), stamp);
  }

  /** Moves a position forward; false when it already was at or past `stamp`. */
  private advance(key: string, stamp: Stamp): boolean {
    const current = this.stamps.get(key);
    if (current !== undefined && current >= stamp) return false;
    this.stamps.set(key, stamp);
    void this.db.positions.put({ key, stamp });
    this.bump();
    return true;
  }

  private bump(): void {
    this.version.set(this.version.get() + 1);
  }

  close(): void {
    this.db.close();
  }
}
