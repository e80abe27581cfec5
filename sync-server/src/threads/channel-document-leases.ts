// The server's own hold on channel documents it writes into without a peer (the thread index
// repair): a Hocuspocus direct connection per channel, so the document is the one peers share
// (loaded once, its changes stored and broadcast like any other), kept while it is used and
// released `idleMs` after its last use. So a channel whose threads stream replies is not loaded
// again every second, and a channel nobody touches any more unloads: the hold never outlives
// the work.
import type { DirectConnection, Hocuspocus } from "@hocuspocus/server";
import { channelDocumentName } from "@openvibe/schema";
import type * as Y from "yjs";

interface Lease {
  readonly connection: Promise<DirectConnection>;
  /** Work running or waiting on this lease. */
  users: number;
  release: NodeJS.Timeout | null;
}

/** The context direct connections carry (hooks tell the server's own writes by it). */
const SERVER_CONTEXT = { server: "thread-index" } as const;

export class ChannelDocumentLeases {
  private readonly hocuspocus: Hocuspocus;
  private readonly idleMs: number;
  private readonly leases = new Map<string, Lease>();
  private closed = false;

  constructor(hocuspocus: Hocuspocus, idleMs: number) {
    this.hocuspocus = hocuspocus;
    this.idleMs = idleMs;
  }

  /** Runs `work` in one transaction of the channel's document, loading it if needed. */
  async transact(channelId: string, work: (doc: Y.Doc) => void): Promise<void> {
    if (this.closed) return;
    const name = channelDocumentName(channelId);
    let lease = this.leases.get(name);
    if (lease === undefined) {
      lease = {
        connection: this.hocuspocus.openDirectConnection(name, { ...SERVER_CONTEXT }),
        users: 0,
        release: null,
      };
      this.leases.set(name, lease);
    }
    if (lease.release !== null) clearTimeout(lease.release);
    lease.release = null;
    lease.users += 1;
    try {
      const connection = await lease.connection.catch((error: unknown) => {
        // A document that failed to load (too new) is not held.
        if (this.leases.get(name) === lease) this.leases.delete(name);
        throw error;
      });
      await connection.transact(work);
    } finally {
      lease.users -= 1;
      if (lease.users === 0 && this.leases.get(name) === lease) {
        lease.release = setTimeout(() => void this.release(name, lease), this.idleMs);
      }
    }
  }

  /** Lets every document go now (the server stops). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(
      [...this.leases].map(([name, lease]) => {
        if (lease.release !== null) clearTimeout(lease.release);
        return this.release(name, lease);
      }),
    );
  }

  private async release(name: string, lease: Lease): Promise<void> {
    if (this.leases.get(name) !== lease || lease.users > 0) return;
    this.leases.delete(name);
    const connection = await lease.connection.catch(() => null);
    await connection?.disconnect();
  }
}
