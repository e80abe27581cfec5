// A writer: a replica of one thread document (`thread:<channelId>:<threadId>`) that writes
// messages through @openvibe/schema, exactly as the product does, and keeps each message's update
// to send later. Each message is one
// transaction of the writer's Yjs client, so it covers one run of clocks [start, end): a
// receiver recognises which messages a frame carries from the clocks alone.
import {
  type Actor,
  appendToReply,
  createSplitThread,
  editMessage,
  initThreadDocument,
  listThreads,
  postMessage,
  readThreadDocumentThreadId,
  startAgentReply,
} from "@openvibe/schema";
import * as Y from "yjs";
import { namingThread, randomBody, seededRandom } from "../channel-fixture.ts";
import { RawClient } from "./raw-client.ts";
import { firstStructGroup, type WireProtocol } from "./wire.ts";

const OPEN_DEADLINE_MS = 60_000;
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/** A 26-character id in the schema's alphabet (task ids). */
function newUlidLike(random: () => number): string {
  let id = "";
  for (let i = 0; i < 26; i++) id += CROCKFORD[Math.floor(random() * 32)];
  return id;
}

/** One streamed token: a word and its space, about 4 characters as model tokens average. */
function streamedToken(random: () => number): string {
  return `${randomBody(random).split(" ")[0] ?? "ok"} `;
}

/** A track's messages by their clocks and sizes: message i covers clocks [starts[i], ends[i]). */
export interface TrackShape {
  client: number;
  starts: number[];
  ends: number[];
  lengths: number[];
}

/**
 * The messages of one load on one document, in sending order. A track another generator's
 * writer sends (`described`) has no update bytes: it only recognises the messages.
 */
export class MessageTrack {
  readonly client: number;
  readonly updates: Uint8Array[] = [];
  readonly sentAt: number[] = [];
  private readonly shape: TrackShape;
  private readonly byStart = new Map<number, number>();
  private readonly byEnd = new Map<number, number>();

  constructor(client: number) {
    this.client = client;
    this.shape = { client, starts: [], ends: [], lengths: [] };
  }

  add(update: Uint8Array, start: number, end: number): void {
    this.updates.push(update);
    this.addMessage(start, end, update.length);
  }

  private addMessage(start: number, end: number, length: number): void {
    const index = this.shape.starts.length;
    this.shape.starts.push(start);
    this.shape.ends.push(end);
    this.shape.lengths.push(length);
    this.byStart.set(start, index);
    this.byEnd.set(end, index + 1);
  }

  /** What another process needs to `locate` this track's messages (not their bytes). */
  describe(): TrackShape {
    return this.shape;
  }

  /** A track that locates the described messages, to receive them from another generator. */
  static described(shape: TrackShape): MessageTrack {
    const track = new MessageTrack(shape.client);
    shape.starts.forEach((start, index) => {
      const end = shape.ends[index];
      const length = shape.lengths[index];
      if (end === undefined || length === undefined) throw new Error("a track shape is uneven");
      track.addMessage(start, end, length);
    });
    return track;
  }

  /** The clock just after message `index` (what a replica's state vector shows once it has it). */
  endClock(index: number): number {
    return this.shape.ends[index] ?? Number.POSITIVE_INFINITY;
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
      if (index !== undefined && this.shape.lengths[index] === update.length) {
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
  /** OpenVibe's server writes a new thread document's meta (at the write that creates it). */
  openvibe: boolean;
  document: string;
  channelId: string;
  /** The thread the document is named after. */
  threadId: string;
  token: string;
  authorId: string;
  /** A person posts messages; an agent streams a reply (one append per token). */
  authorKind?: "human" | "agent";
  seed: number;
  /** The body of the thread the writer starts (default: random words). */
  threadBody?: string | undefined;
  /** An agent answering a task: stream into this thread under this task, start no thread. */
  reply?: { threadId: string; taskId: string } | undefined;
  /**
   * A person edits the thread's first message in place instead of posting new ones, so the
   * document stops growing (but for the small tombstones of replaced text).
   */
  editInPlace?: boolean | undefined;
}

/** One writing member on one document. */
export class Writer {
  readonly doc = new Y.Doc();
  readonly client: RawClient;
  private readonly options: WriterOptions;
  private readonly random: () => number;
  private threadId = "";
  /** The thread's first message, which `editInPlace` edits. */
  private firstMessageId = "";
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

  /**
   * Opens the thread document and starts its thread, as the product creates a thread (unless it
   * is there already, seeded). A new thread document is empty on every server; OpenVibe's writes
   * its meta with the write that creates it (a peer may not), for a stock one the writer does.
   */
  async open(seedState?: Uint8Array): Promise<void> {
    const { state } = await this.client.open(OPEN_DEADLINE_MS);
    Y.applyUpdate(this.doc, state, "server");
    const actor = this.actor();
    const setup = this.capture(() => {
      if (seedState !== undefined) Y.applyUpdate(this.doc, seedState, "seed");
      const { channelId, threadId } = this.options;
      if (!this.options.openvibe && readThreadDocumentThreadId(this.doc) === undefined) {
        initThreadDocument(this.doc, channelId, threadId);
      }
      this.threadId = this.options.reply?.threadId ?? threadId;
      if (this.threadId !== threadId) {
        throw new Error(`a reply in thread ${this.threadId} is not in document ${threadId}`);
      }
      const existing = listThreads(this.doc).find((t) => t.id === threadId);
      if (this.options.reply === undefined && existing === undefined) {
        const thread = createSplitThread(
          () => this.doc,
          actor,
          { title: "benchmark", body: this.options.threadBody ?? randomBody(this.random) },
          namingThread({ now: () => Date.now(), newId: () => newUlidLike(this.random) }, threadId),
        );
        if (thread.threadId !== threadId) throw new Error("the thread took another id");
        this.firstMessageId = thread.messageId;
      }
    });
    for (const update of setup) this.client.sendUpdate(update);
    // Hocuspocus acknowledges each update; y-websocket acknowledges nothing.
    if (this.options.protocol === "hocuspocus") {
      await this.client.waitForAcks(setup.length, OPEN_DEADLINE_MS);
    }
  }

  private actor(): Actor {
    return { kind: this.options.authorKind ?? "human", id: this.options.authorId };
  }

  /**
   * Writes `count` updates now (untimed) and returns them for sending: a person's `count`
   * messages (or edits, with `editInPlace`), or an agent's reply started and then `count - 1`
   * streamed tokens.
   */
  prepare(count: number): MessageTrack {
    const track = new MessageTrack(this.doc.clientID);
    const actor = this.actor();
    const streaming = actor.kind === "agent";
    const taskId = this.options.reply?.taskId ?? newUlidLike(this.random);
    let messageId = "";
    for (let i = 0; i < count; i++) {
      const start = Y.getState(this.doc.store, this.doc.clientID);
      const [update] = this.capture(() => {
        if (!streaming && this.options.editInPlace === true) {
          const body = randomBody(this.random);
          editMessage(this.doc, actor, { messageId: this.firstMessageId, body });
        } else if (!streaming) {
          postMessage(this.doc, actor, { threadId: this.threadId, body: randomBody(this.random) });
        } else if (i === 0) {
          messageId = startAgentReply(this.doc, actor, { threadId: this.threadId, taskId });
        } else {
          appendToReply(this.doc, actor, { messageId, taskId, text: streamedToken(this.random) });
        }
      });
      if (update === undefined) throw new Error("the operation wrote nothing");
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
      // A seed applied from outside comes out re-encoded as one update: sent like the rest.
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
