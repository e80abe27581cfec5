// Read positions of one person on this device, in Dexie (their own database,
// so other stores' schema versions stay independent): per thread, the stamp of
// the latest message seen; per channel, a floor below which everything counts
// as read. A channel first seen on this device gets its floor at "now", so an
// old history does not show as thousands of unread messages. Positions only
// move forward. Held in memory too, for the synchronous unread computations.
import { formatStamp, type Stamp } from "@openvibe/schema";
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

export class ReadPositionStore {
  /** Changes whenever a position moves. */
  readonly version = new Observable(0);
  private readonly db: ReadPositionDatabase;
  private readonly stamps = new Map<string, Stamp>();

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

  /** Gives a channel seen for the first time on this device its floor at `nowMs`. */
  ensureFloor(channelId: string, nowMs: number): void {
    if (!this.stamps.has(channelId)) this.advance(rowKey(channelId, null), formatStamp(nowMs));
  }

  markThread(channelId: string, threadId: string, stamp: Stamp): void {
    this.advance(rowKey(channelId, threadId), stamp);
  }

  markChannel(channelId: string, stamp: Stamp): void {
    this.advance(rowKey(channelId, null), stamp);
  }

  private advance(key: string, stamp: Stamp): void {
    const current = this.stamps.get(key);
    if (current !== undefined && current >= stamp) return;
    this.stamps.set(key, stamp);
    void this.db.positions.put({ key, stamp });
    this.bump();
  }

  private bump(): void {
    this.version.set(this.version.get() + 1);
  }

  close(): void {
    this.db.close();
  }
}
