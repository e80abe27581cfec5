import "fake-indexeddb/auto";
import type { ReadPositionInput } from "@openvibe/schema";
import { describe, expect, it, vi } from "vitest";
import { OfflineError } from "../api/http.ts";
import type { ConnectionState } from "../sync/connection-state.ts";
import { Observable } from "./observable.ts";
import { stamp } from "./unread-fixtures.ts";
import { ReadPositionStore } from "./unread-positions.ts";
import { type ReadPositionRemote, ReadPositionSync } from "./unread-sync.ts";

/** The server's side: keeps the later stamp per key; `offline` makes every call fail. */
class FakeServer implements ReadPositionRemote {
  readonly stored = new Map<string, ReadPositionInput>();
  offline = false;
  puts = 0;
  /** Requests tried, offline ones included. */
  attempts = 0;

  async list(): Promise<ReadPositionInput[]> {
    if (this.offline) throw new OfflineError(null);
    return [...this.stored.values()];
  }

  async put(positions: readonly ReadPositionInput[]): Promise<void> {
    this.attempts++;
    if (this.offline) throw new OfflineError(null);
    this.puts++;
    for (const position of positions) {
      const key = `${position.channelId}/${position.threadId}`;
      const stored = this.stored.get(key);
      if (stored === undefined || stored.stamp < position.stamp) this.stored.set(key, position);
    }
  }
}

let devices = 0;
async function device(server: FakeServer, connection = new Observable<ConnectionState>("online")) {
  const store = new ReadPositionStore(`sync-test-${++devices}`);
  await store.load();
  const sync = new ReadPositionSync(store, server, connection);
  sync.start();
  return { store, sync, connection };
}

describe("read position sync", () => {
  it("pushes marks in one request and merges the server's on start (later stamp wins)", async () => {
    const server = new FakeServer();
    const phone = await device(server);
    phone.store.markThread("c1", "t1", stamp(10));
    phone.store.markThread("c1", "t2", stamp(20));
    await vi.waitFor(() => expect(server.stored.size).toBe(2));
    expect(server.puts).toBe(1);

    const laptop = await device(server);
    await vi.waitFor(() => expect(laptop.store.positions("c1").threads.get("t2")).toBe(stamp(20)));
    laptop.store.markThread("c1", "t1", stamp(30));
    await vi.waitFor(() => expect(server.stored.get("c1/t1")?.stamp).toBe(stamp(30)));
  });

  it("queues marks while offline and sends them when the connection returns", async () => {
    const server = new FakeServer();
    server.stored.set("c1/t9", { channelId: "c1", threadId: "t9", stamp: stamp(99) });
    server.offline = true;
    const phone = await device(server, new Observable<ConnectionState>("offline"));
    phone.store.markThread("c1", "t1", stamp(10));
    await vi.waitFor(() => expect(server.attempts).toBe(1));
    expect(server.stored.has("c1/t1")).toBe(false);

    server.offline = false;
    phone.connection.set("online");
    await vi.waitFor(() => expect(server.stored.get("c1/t1")?.stamp).toBe(stamp(10)));
    expect(phone.store.positions("c1").threads.get("t9")).toBe(stamp(99));
    phone.sync.destroy();
  });
});
