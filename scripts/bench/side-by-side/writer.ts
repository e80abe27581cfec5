// A writer: a replica of the channel that writes messages through @openvibe/schema, exactly as
// the product does, and keeps each message's update to send later. Each message is one
// transaction of the writer's Yjs client, so it covers one run of clocks [start, end): a
// receiver recognises which messages a frame carries from the clocks alone.
import { createThread, initChannel, postMessage, readChannelId } from "@openvibe/schema";
import * as Y from "yjs";
import { randomBody, seededRandom } from "../channel-fixture.ts";
import { RawClient } from "./raw-client.ts";
import { firstStructGroup, type WireProtocol } from "./wire.ts";

const OPEN_DEADLINE_MS = 60_000;

/** The messages of one load on one document, in sending order. */
export class MessageTrack {
  readonly client: number;
  readonly updates: Uint8Array[] = [];
  readonly sentAt: number[] = [];
  private readonly starts: number[] = [];
  private readonly byStart = new Map<number, number>();
  private readonly byEnd = new Map<number, number>();

  constructor(client: number) {
    this.client = client;
  }

  add(update: Uint8Array, start: number, end: number): void {
    const index = this.updates.length;
    this.updates.push(update);
    this.starts.push(start);
    this.byStart.set(start, index);
    this.byEnd.set(end, index + 1);
  }

  get length(): number {
    return this.updates.length;
  }

  /** The clock just after message `index` (what a replica's state vector shows once it has it). */
  endClock(index: number): number {
    const next = this.starts[index + 1];
    if (next !== undefined) return next;
    for (const [end, after] of this.byEnd) if (after === index + 1) return end;
    return Number.POSITIVE_INFINITY;
  }

  /**
   * The messages [from, to) an update from the server carries, or null when it carries none of
   * this load's. Cheap when the server forwards an update as it was sent; a merged update is
   * parsed for its clock range.
   */
  locate(update: Uint8Array): [number, number] | null {
    const first = firstStructGroup(update);
    if (first === null) return null;
    if (first.groups === 1 && first.client === this.client) {
      const index = this.byStart.get(first.clock);
      if (index !== undefined && this.updates[index]?.length === update.length) {
        return [index, index + 1];
      }
    }
    const meta = Y.parseUpdateMeta(update);
    const fromClock = meta.from.get(this.client);
    const toClock = meta.to.get(this.client);
    if (fromClock === undefined || toClock === undefined) return null;
    const from = this.byStart.get(fromClock);
    const to = this.byEnd.get(toClock);
    if (from === undefined || to === undefined) return null;
    return [from, to];
  }
}

export interface WriterOptions {
  url: string;
  protocol: WireProtocol;
  document: string;
  channelId: string;
  token: string;
  authorId: string;
  seed: number;
}

/** One writing member on one document. */
export class Writer {
  readonly doc = new Y.Doc();
  readonly client: RawClient;
  private readonly options: WriterOptions;
  private readonly random: () => number;
  private threadId = "";
  private acksBefore = 0;

  constructor(options: WriterOptions) {
    this.options = options;
    this.random = seededRandom(options.seed);
    this.client = new RawClient({
      url: options.url,
      protocol: options.protocol,
      document: options.document,
      token: options.token,
    });
  }

  /** Opens the document and starts a thread (initialising the channel on a stock server). */
  async open(): Promise<void> {
    const { state } = await this.client.open(OPEN_DEADLINE_MS);
    Y.applyUpdate(this.doc, state, "server");
    const actor = { kind: "human" as const, id: this.options.authorId };
    const setup = this.capture(() => {
      // OpenVibe initialises channels itself; a stock server starts from an empty document.
      if (readChannelId(this.doc) === undefined) initChannel(this.doc, this.options.channelId);
      this.threadId = createThread(this.doc, actor, {
        title: "benchmark",
        body: randomBody(this.random),
      }).threadId;
    });
    for (const update of setup) this.client.sendUpdate(update);
    // Hocuspocus acknowledges each update; y-websocket acknowledges nothing.
    if (this.options.protocol === "hocuspocus") {
      await this.client.waitForAcks(setup.length, OPEN_DEADLINE_MS);
    }
  }

  /** Writes `count` messages now (untimed) and returns them for sending. */
  prepare(count: number): MessageTrack {
    const track = new MessageTrack(this.doc.clientID);
    const actor = { kind: "human" as const, id: this.options.authorId };
    for (let i = 0; i < count; i++) {
      const start = Y.getState(this.doc.store, this.doc.clientID);
      const [update] = this.capture(() => {
        postMessage(this.doc, actor, { threadId: this.threadId, body: randomBody(this.random) });
      });
      if (update === undefined) throw new Error("postMessage wrote nothing");
      track.add(update, start, Y.getState(this.doc.store, this.doc.clientID));
    }
    this.acksBefore = this.client.acks;
    return track;
  }

  /** Acks received since the last prepare(). */
  get acksSincePrepare(): number {
    return this.client.acks - this.acksBefore;
  }

  private capture(write: () => void): Uint8Array[] {
    const updates: Uint8Array[] = [];
    const listener = (update: Uint8Array, origin: unknown) => {
      if (origin !== "server") updates.push(update);
    };
    this.doc.on("update", listener);
    try {
      write();
    } finally {
      this.doc.off("update", listener);
    }
    return updates;
  }

  close(): void {
    this.client.close();
    this.doc.destroy();
  }
}
