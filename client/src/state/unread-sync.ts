// Syncs this device's thread read positions with the server, for the person's
// other devices. A position marked here is pushed shortly after (gathered for
// PUSH_DELAY_MS); while the server cannot be reached it stays queued. On start
// and whenever the connection comes back, the server's positions are merged in
// (the later stamp wins on both sides) and every local position ahead of the
// server's is pushed, which also covers marks made offline before a reload.
import type { ReadPositionInput } from "@openvibe/schema";
import { ApiError, OfflineError } from "../api/http.ts";
import type { ConnectionState } from "../sync/connection-state.ts";
import type { Observable } from "./observable.ts";
import type { ReadPositionStore } from "./unread-positions.ts";

export const PUSH_DELAY_MS = 500;
/** The server takes at most this many positions per request. */
const BATCH = 500;

export interface ReadPositionRemote {
  list(): Promise<readonly ReadPositionInput[]>;
  put(positions: readonly ReadPositionInput[]): Promise<unknown>;
}

type Positions = Pick<ReadPositionStore, "onThreadMark" | "threadPositions" | "merge">;

const keyOf = (p: ReadPositionInput) => `${p.channelId}/${p.threadId ?? ""}`;

export class ReadPositionSync {
  private readonly pending = new Map<string, ReadPositionInput>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private pushing: Promise<void> | null = null;
  private readonly stops: (() => void)[] = [];
  private destroyed = false;
  private readonly positions: Positions;
  private readonly remote: ReadPositionRemote;
  private readonly connection: Observable<ConnectionState>;

  constructor(
    positions: Positions,
    remote: ReadPositionRemote,
    connection: Observable<ConnectionState>,
  ) {
    this.positions = positions;
    this.remote = remote;
    this.connection = connection;
  }

  start(): void {
    let last = this.connection.get();
    this.stops.push(
      this.positions.onThreadMark((position) => this.queue([position])),
      this.connection.subscribe(() => {
        const now = this.connection.get();
        if (now === "online" && last !== "online") void this.reconcile();
        last = now;
      }),
    );
    void this.reconcile();
  }

  /** Merges the server's positions, then pushes every local one ahead of them. */
  async reconcile(): Promise<void> {
    let server: readonly ReadPositionInput[];
    try {
      server = await this.remote.list();
    } catch (error) {
      return this.failed(error);
    }
    if (this.destroyed) return;
    this.positions.merge(server);
    const known = new Map(server.map((position) => [keyOf(position), position.stamp]));
    const ahead = this.positions
      .threadPositions()
      .filter((position) => (known.get(keyOf(position)) ?? "") < position.stamp);
    this.queue(ahead, 0);
  }

  private queue(positions: readonly ReadPositionInput[], delayMs = PUSH_DELAY_MS): void {
    for (const position of positions) {
      const key = keyOf(position);
      const queued = this.pending.get(key);
      if (queued === undefined || queued.stamp < position.stamp) this.pending.set(key, position);
    }
    if (this.pending.size === 0) return;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.push();
    }, delayMs);
  }

  /** Sends the queue; positions marked meanwhile wait for the next round. */
  private async push(): Promise<void> {
    // One request at a time; the one in flight sends what is left when it succeeds.
    if (this.pushing !== null) return;
    const batch = [...this.pending.values()].slice(0, BATCH);
    if (batch.length === 0) return;
    this.pushing = this.remote.put(batch).then(
      () => {
        for (const sent of batch) {
          if (this.pending.get(keyOf(sent)) === sent) this.pending.delete(keyOf(sent));
        }
        if (this.pending.size > 0) this.queue([], 0);
      },
      (error: unknown) => {
        // Refused (not offline): dropping is safer than retrying a request that cannot pass.
        if (error instanceof ApiError) this.pending.clear();
        this.failed(error);
      },
    );
    await this.pushing;
    this.pushing = null;
  }

  /** Offline or refused: the queue waits for the next reconnect; anything else is a bug. */
  private failed(error: unknown): void {
    if (error instanceof OfflineError) return;
    if (error instanceof ApiError && error.status < 500) return;
    reportError(error);
  }

  destroy(): void {
    this.destroyed = true;
    if (this.timer !== null) clearTimeout(this.timer);
    for (const stop of this.stops) stop();
  }
}
