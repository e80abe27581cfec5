// A load client without Yjs: one WebSocket, one document, the wire protocol by hand. It opens
// the document (auth + sync step 1), hands live updates to its owner, and counts acks.
import WebSocket from "ws";
import {
  authFrame,
  keepAliveFrame,
  readServerFrame,
  syncStep1Frame,
  updateFrame,
  type WireProtocol,
} from "./wire.ts";

/** An empty Yjs state vector: "send me everything". */
export const EMPTY_STATE_VECTOR = new Uint8Array([0]);

export interface RawClientOptions {
  url: string;
  protocol: WireProtocol;
  document: string;
  token: string;
  /** State vector sent in sync step 1 (default: empty, the whole document comes back). */
  stateVector?: Uint8Array | undefined;
  onUpdate?: (update: Uint8Array) => void;
  onAck?: () => void;
}

export class RawClient {
  readonly options: RawClientOptions;
  private socket: WebSocket | null = null;
  /** Sync status messages received with "applied". */
  acks = 0;
  /** Whether the connection ended (closed by either side, or refused). */
  ended = false;
  private ackWaiters: { count: number; resolve: () => void }[] = [];

  constructor(options: RawClientOptions) {
    this.options = options;
  }

  /**
   * Connects and opens the document; resolves with the server's answer to sync step 1 (the
   * state the client missed) and the time it took, rejects on refusal, close or deadline.
   */
  open(deadlineMs: number): Promise<{ state: Uint8Array; ms: number }> {
    const { protocol, document } = this.options;
    const url =
      protocol === "y-websocket"
        ? `${this.options.url}/${encodeURIComponent(document)}`
        : this.options.url;
    const started = performance.now();
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (why: string) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        this.close();
        reject(new Error(`${document}: ${why}`));
      };
      const timer = setTimeout(() => fail(`not synced within ${deadlineMs} ms`), deadlineMs);
      const socket = new WebSocket(url, { perMessageDeflate: false });
      this.socket = socket;
      socket.binaryType = "nodebuffer";
      socket.on("open", () => {
        if (protocol === "hocuspocus") socket.send(authFrame(document, this.options.token));
        socket.send(
          syncStep1Frame(protocol, document, this.options.stateVector ?? EMPTY_STATE_VECTOR),
        );
      });
      socket.on("message", (data: Buffer) => {
        const frame = readServerFrame(protocol, data);
        switch (frame.kind) {
          case "update":
            this.options.onUpdate?.(frame.update);
            break;
          case "ack":
            if (frame.applied) {
              this.acks += 1;
              this.options.onAck?.();
              const ready = this.ackWaiters.filter((w) => w.count <= this.acks);
              this.ackWaiters = this.ackWaiters.filter((w) => w.count > this.acks);
              for (const waiter of ready) waiter.resolve();
            }
            break;
          case "state":
            if (!settled) {
              settled = true;
              clearTimeout(timer);
              resolve({ state: frame.update, ms: performance.now() - started });
            }
            break;
          case "denied":
            fail(`refused: ${frame.reason}`);
            break;
          case "closed":
            this.ended = true;
            fail(`closed by the server: ${frame.reason}`);
            break;
          default:
        }
      });
      socket.on("close", () => {
        this.ended = true;
        fail("socket closed");
      });
      socket.on("error", (error) => fail(`socket error: ${error.message}`));
    });
  }

  /** Resolves once `count` acks arrived in all; rejects after `deadlineMs`. */
  waitForAcks(count: number, deadlineMs: number): Promise<void> {
    if (this.acks >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(
          new Error(
            `${this.options.document}: ${this.acks} of ${count} acks within ${deadlineMs} ms`,
          ),
        );
      }, deadlineMs);
      this.ackWaiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  /** Sends a document update; false when the socket is not open (the server went away). */
  sendUpdate(update: Uint8Array): boolean {
    return this.send(updateFrame(this.options.protocol, this.options.document, update));
  }

  /** A cheap frame that resets the server's 60 s idle timeout. */
  keepAlive(): void {
    this.send(keepAliveFrame(this.options.protocol, this.options.document));
  }

  private send(frame: Uint8Array): boolean {
    const socket = this.socket;
    if (socket === null || socket.readyState !== WebSocket.OPEN) return false;
    socket.send(frame);
    return true;
  }

  close(): void {
    const socket = this.socket;
    this.socket = null;
    if (socket === null) return;
    socket.removeAllListeners("message");
    socket.on("error", () => {});
    if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) {
      socket.terminate();
    }
  }
}
