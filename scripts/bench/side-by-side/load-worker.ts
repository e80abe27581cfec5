// A load generator: a child process (pinned to the load core) that holds writers, raw receiving
// clients, replicas and a few real @hocuspocus/provider clients, and runs loads when the
// orchestrator asks over IPC. Latency is measured at the receivers, on the machine's clock
// (clockMs): from a message's send when its writer is in the same generator, from when it was
// due when the writers are in another one (a paced load split across two generators, so that
// the writers' timers do not wait behind the receivers' bursts of frames).
import { createHistogram, type RecordableHistogram } from "node:perf_hooks";
import { HocuspocusProvider } from "@hocuspocus/provider";
import * as Y from "yjs";
import { clockMs } from "./clock.ts";
import type { WorkerCall, WorkerReply } from "./load.ts";
import { RawClient } from "./raw-client.ts";
import { firstStructGroup, type WireProtocol } from "./wire.ts";
import { MessageTrack, type TrackShape, Writer } from "./writer.ts";

const OPEN_DEADLINE_MS = 120_000;
const OPEN_PARALLEL = 50;
const KEEP_ALIVE_EVERY_MS = 1_000;
/** Each client is kept alive once per this many ms (Hocuspocus closes idle sockets after 60 s). */
const KEEP_ALIVE_PERIOD_MS = 20_000;

interface Receiver {
  client: RawClient;
  /** Index of the next message this receiver expects in the current load. */
  next: number;
}

interface Replica {
  doc: Y.Doc;
  close(): void;
}

interface DocumentState {
  name: string;
  writer: Writer | null;
  track: MessageTrack | null;
  receivers: Receiver[];
  replicas: Replica[];
  sent: number;
  /**
   * Updates located lately, by a key of their head: the same frame reaches every receiver, but
   * not in turn (a receiver whose socket was read later gets the next frame with it), so one
   * remembered frame missed for most receivers of a merged broadcast, and Yjs's parseUpdateMeta
   * took a quarter of the generator's CPU at 1,000 receivers.
   */
  located: Map<string, [number, number] | null>;
}

/** Located updates a document remembers: far more than frames in flight to its receivers. */
const LOCATED_KEPT = 256;

export interface ConnectionArgs {
  url: string;
  protocol: WireProtocol;
  /** OpenVibe's server, which writes a thread document's meta itself (at its creating write). */
  openvibe: boolean;
}

export interface LoadArgs {
  /** Messages per second per writer; null: as fast as the window allows (one writer). */
  ratePerWriter: number | null;
  countPerWriter: number;
  /** At full speed: messages sent but not yet at every receiver. */
  window: number;
  /** How long to wait for deliveries after the last send. */
  drainMs: number;
  /**
   * Paced, with the writers in one load generator and the receivers in another (fanout): when
   * the schedule starts, on the machine's clock (clockMs). Both run the same schedule: the
   * writers' generator sends by it, the receivers' one measures each message from when it was
   * due (so a writer sending late counts against the latency, and shows as send lag).
   */
  startAt?: number;
}

/** What a receiving load generator needs of another one's track (MessageTrack.describe). */
export type TrackDescription = { document: string } & TrackShape;

export interface LoadResult {
  writers: number;
  sent: number;
  expected: number;
  delivered: number;
  duplicates: number;
  gaps: number;
  acked: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  /** First send to last delivery. */
  elapsedMs: number;
  /** How late the generator sent, p99 (large: the load generator, not the server, was the limit). */
  sendLagP99Ms: number;
  /** This process's CPU use during the load, % of one core. */
  generatorCpuPercent: number;
}

const documents = new Map<string, DocumentState>();
let connection: ConnectionArgs = { url: "", protocol: "hocuspocus", openvibe: true };
let current: {
  histogram: RecordableHistogram;
  delivered: number;
  duplicates: number;
  gaps: number;
  lastDelivery: number;
  onDelivery: () => void;
} | null = null;

/** Paced sending: writer w of `writers` sends its k-th message at (k + w / writers) / rate s. */
class Schedule {
  private readonly writers: number;
  private readonly intervalMs: number;
  private readonly startAt: number;

  constructor(writers: number, ratePerWriter: number, startAt: number) {
    this.writers = writers;
    this.intervalMs = 1000 / ratePerWriter;
    this.startAt = startAt;
  }

  /** When (clockMs) writer `writer` is due to send its message `k`. */
  dueAt(writer: number, k: number): number {
    return this.startAt + (k + writer / this.writers) * this.intervalMs;
  }
}

/** The documents this generator writes to. */
function writingDocuments(): DocumentState[] {
  return [...documents.values()].filter((state) => state.writer !== null);
}

function documentState(name: string): DocumentState {
  let state = documents.get(name);
  if (state === undefined) {
    state = {
      name,
      writer: null,
      track: null,
      receivers: [],
      replicas: [],
      sent: 0,
      located: new Map(),
    };
    documents.set(name, state);
  }
  return state;
}

async function inBatches<T>(items: T[], work: (item: T, index: number) => Promise<void>) {
  for (let start = 0; start < items.length; start += OPEN_PARALLEL) {
    await Promise.all(
      items.slice(start, start + OPEN_PARALLEL).map((item, i) => work(item, start + i)),
    );
  }
}

function received(state: DocumentState, receiver: Receiver, update: Uint8Array): void {
  const track = state.track;
  const load = current;
  if (track === null || load === null) return;
  const now = clockMs();
  const first = firstStructGroup(update);
  if (first === null) return;
  const key = `${update.length}:${first.groups}:${first.client}:${first.clock}`;
  let range = state.located.get(key);
  if (range === undefined) {
    range = track.locate(update);
    state.located.set(key, range);
    if (state.located.size > LOCATED_KEPT) {
      const oldest = state.located.keys().next().value;
      if (oldest !== undefined) state.located.delete(oldest);
    }
  }
  if (range === null) return;
  const [from, to] = range;
  if (from < receiver.next) load.duplicates += Math.min(to, receiver.next) - from;
  if (from > receiver.next) load.gaps += from - receiver.next;
  for (let i = Math.max(from, receiver.next); i < to; i++) {
    const sentAt = track.sentAt[i];
    if (sentAt !== undefined) load.histogram.record(Math.max(1, Math.round((now - sentAt) * 1000)));
    load.delivered += 1;
  }
  if (to > receiver.next) {
    receiver.next = to;
    load.lastDelivery = now;
    load.onDelivery();
  }
}

const commands = {
  async connect(args: ConnectionArgs) {
    connection = args;
    return true;
  },

  async writers(args: {
    documents: { name: string; channelId: string; threadId: string }[];
    token: string;
    authorId: string;
    authorKind?: "human" | "agent";
    seed: number;
    threadBody?: string;
    /** Each person edits its thread's first message in place instead of posting (soak). */
    editInPlace?: boolean;
    /** Agents answering tasks, by document name. */
    replies?: Record<string, { threadId: string; taskId: string }>;
    /** Whole channel states to upload first, by document name (stock servers start empty). */
    seedStates?: Record<string, Uint8Array>;
  }) {
    await inBatches(args.documents, async (document, index) => {
      const writer = new Writer({
        ...connection,
        document: document.name,
        channelId: document.channelId,
        threadId: document.threadId,
        token: args.token,
        authorId: args.authorId,
        authorKind: args.authorKind ?? "human",
        threadBody: args.threadBody,
        reply: args.replies?.[document.name],
        editInPlace: args.editInPlace,
        seed: args.seed + index,
      });
      await writer.open(args.seedStates?.[document.name]);
      const state = documentState(document.name);
      state.writer?.close(); // a document has one writer: the new one replaces it
      state.writer = writer;
    });
    return args.documents.length;
  },

  async receivers(args: { documents: string[]; perDocument: number; tokens: string[] }) {
    const jobs = args.documents.flatMap((name) =>
      Array.from({ length: args.perDocument }, () => name),
    );
    await inBatches(jobs, async (name, index) => {
      const state = documentState(name);
      const receiver: Receiver = { client: null as unknown as RawClient, next: 0 };
      receiver.client = new RawClient({
        ...connection,
        document: name,
        token: args.tokens[index % args.tokens.length] ?? "",
        onUpdate: (update) => received(state, receiver, update),
      });
      await receiver.client.open(OPEN_DEADLINE_MS);
      state.receivers.push(receiver);
    });
    return jobs.length;
  },

  /** Replicas that apply every update to a Y.Doc: raw ones, plus real providers on Hocuspocus. */
  async replicas(args: { documents: string[]; raw: number; providers: number; token: string }) {
    for (const name of args.documents) {
      const state = documentState(name);
      for (let i = 0; i < args.raw; i++) {
        const doc = new Y.Doc();
        const client = new RawClient({
          ...connection,
          document: name,
          token: args.token,
          onUpdate: (update) => Y.applyUpdate(doc, update),
        });
        const { state: initial } = await client.open(OPEN_DEADLINE_MS);
        Y.applyUpdate(doc, initial);
        state.replicas.push({
          doc,
          close: () => {
            client.close();
            doc.destroy();
          },
        });
      }
      if (connection.protocol !== "hocuspocus") continue;
      for (let i = 0; i < args.providers; i++) {
        const doc = new Y.Doc();
        const provider = new HocuspocusProvider({
          url: connection.url,
          name,
          token: args.token,
          document: doc,
        });
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error(`provider on ${name} not synced`)),
            OPEN_DEADLINE_MS,
          );
          provider.on("synced", () => {
            clearTimeout(timer);
            resolve();
          });
          provider.on("authenticationFailed", ({ reason }: { reason: string }) => {
            clearTimeout(timer);
            reject(new Error(`provider refused: ${reason}`));
          });
        });
        state.replicas.push({
          doc,
          close: () => {
            provider.destroy();
            doc.destroy();
          },
        });
      }
    }
    return true;
  },

  /**
   * Writes this generator's next load now (untimed) and describes it, so that the generator
   * holding the receivers can recognise its messages (adoptTracks) when the writers are here.
   */
  async prepareTracks(args: { countPerWriter: number }): Promise<TrackDescription[]> {
    return writingDocuments().map((state) => {
      const track = (state.writer as Writer).prepare(args.countPerWriter);
      state.track = track;
      return { document: state.name, ...track.describe() };
    });
  },

  /** The messages another generator's writers will send, to recognise them on arrival. */
  async adoptTracks(args: { tracks: TrackDescription[] }) {
    for (const { document, ...description } of args.tracks) {
      documentState(document).track = MessageTrack.described(description);
    }
    return true;
  },

  async load(args: LoadArgs): Promise<LoadResult> {
    const split = args.startAt !== undefined;
    const writing = writingDocuments();
    // Split, a generator without writers receives what the other one's writers send.
    const receiving = split && writing.length === 0;
    const active = receiving
      ? [...documents.values()].filter((state) => state.track !== null)
      : writing;
    for (const state of active) {
      if (!split) state.track = (state.writer as Writer).prepare(args.countPerWriter);
      state.sent = 0;
      state.located.clear();
      for (const receiver of state.receivers) receiver.next = 0;
    }
    const expected = active.reduce(
      (sum, state) => sum + args.countPerWriter * state.receivers.length,
      0,
    );
    const histogram = createHistogram();
    const sendLag = createHistogram();
    const cpuBefore = process.cpuUsage();
    const started = clockMs();
    let firstSend = args.startAt ?? started;
    let lastSend = firstSend;
    let finish: () => void = () => {};
    const done = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const send = (state: DocumentState) => {
      const track = state.track as MessageTrack;
      const index = state.sent;
      const update = track.updates[index];
      if (update === undefined) return;
      const now = clockMs();
      track.sentAt[index] = now;
      (state.writer as Writer).client.sendUpdate(update);
      state.sent += 1;
      lastSend = now;
    };
    const load = {
      histogram,
      delivered: 0,
      duplicates: 0,
      gaps: 0,
      lastDelivery: started,
      onDelivery: () => {},
    };
    current = load;
    let allSent = false;
    let drainTimer: NodeJS.Timeout | null = null;
    // A load that stops making progress (a server that stopped answering) ends after drainMs.
    let progressSeen = -1;
    const watchdog = setInterval(
      () => {
        if (load.delivered === progressSeen) finish();
        progressSeen = load.delivered;
      },
      Math.max(args.drainMs, 1_000),
    );
    const checkDone = () => {
      if (load.delivered >= expected && allSent) finish();
    };
    const startDrain = () => {
      allSent = true;
      drainTimer = setTimeout(finish, args.drainMs);
      checkDone();
    };
    if (args.ratePerWriter === null) {
      // Full speed: keep `window` messages in flight to the slowest receiver.
      if (split) throw new Error("a load at full speed keeps its writer and receivers together");
      const [state] = active;
      if (state === undefined) throw new Error("no writer");
      const pump = () => {
        const slowest = Math.min(...state.receivers.map((r) => r.next));
        while (state.sent < args.countPerWriter && state.sent - slowest < args.window) send(state);
        if (state.sent >= args.countPerWriter && !allSent) startDrain();
      };
      load.onDelivery = () => {
        pump();
        checkDone();
      };
      firstSend = clockMs();
      pump();
    } else if (receiving) {
      // The other generator sends on the schedule: each message counts from when it was due.
      load.onDelivery = checkDone;
      const schedule = new Schedule(active.length, args.ratePerWriter, firstSend);
      for (const [writer, state] of active.entries()) {
        const track = state.track as MessageTrack;
        for (let k = 0; k < args.countPerWriter; k++) track.sentAt[k] = schedule.dueAt(writer, k);
        state.sent = args.countPerWriter;
      }
      lastSend = schedule.dueAt(active.length - 1, args.countPerWriter - 1);
      setTimeout(startDrain, Math.max(0, lastSend - clockMs()));
    } else {
      // Paced: writer w sends its k-th message when the schedule says.
      load.onDelivery = checkDone;
      const writers = active.length;
      const schedule = new Schedule(writers, args.ratePerWriter, firstSend);
      const total = writers * args.countPerWriter;
      let next = 0;
      const tick = () => {
        const now = clockMs();
        while (next < total) {
          const due = schedule.dueAt(next % writers, Math.floor(next / writers));
          if (due > now) break;
          sendLag.record(Math.max(1, Math.round((now - due) * 1000)));
          send(active[next % writers] as DocumentState);
          next += 1;
        }
        // Every writer's socket gone (the server was killed): nothing more will arrive.
        if (active.every((state) => (state.writer as Writer).client.ended)) finish();
        else if (next < total) setTimeout(tick, 1);
        else startDrain();
      };
      tick();
    }
    await done;
    clearInterval(watchdog);
    if (drainTimer !== null) clearTimeout(drainTimer);
    current = null;
    const cpu = process.cpuUsage(cpuBefore);
    const wall = clockMs() - started;
    const ms = (us: number) => Math.round(us / 10) / 100;
    const any = histogram.count > 0;
    return {
      writers: active.length,
      sent: active.reduce((sum, state) => sum + state.sent, 0),
      expected,
      delivered: load.delivered,
      duplicates: load.duplicates,
      gaps: load.gaps,
      acked: active.reduce((sum, state) => sum + (state.writer?.acksSincePrepare ?? 0), 0),
      p50Ms: any ? ms(histogram.percentile(50)) : null,
      p99Ms: any ? ms(histogram.percentile(99)) : null,
      maxMs: any ? ms(histogram.max) : null,
      elapsedMs: Math.max(load.lastDelivery, lastSend) - firstSend,
      sendLagP99Ms: sendLag.count > 0 ? ms(sendLag.percentile(99)) : 0,
      generatorCpuPercent: Math.round(((cpu.user + cpu.system) / 1000 / wall) * 100),
    };
  },

  /** Waits until every replica holds what its writer wrote; reports how many converged. */
  async verify(args: { deadlineMs: number }) {
    let checked = 0;
    let converged = 0;
    for (const state of documents.values()) {
      const writer = state.writer;
      if (writer === null) continue;
      const want = Y.decodeStateVector(Y.encodeStateVector(writer.doc));
      for (const replica of state.replicas) {
        checked += 1;
        const matches = () => {
          const have = Y.decodeStateVector(Y.encodeStateVector(replica.doc));
          for (const [client, clock] of want) if ((have.get(client) ?? 0) < clock) return false;
          return true;
        };
        const ok =
          matches() ||
          (await new Promise<boolean>((resolve) => {
            const timer = setTimeout(() => {
              replica.doc.off("update", check);
              resolve(false);
            }, args.deadlineMs);
            const check = () => {
              if (!matches()) return;
              clearTimeout(timer);
              replica.doc.off("update", check);
              resolve(true);
            };
            replica.doc.on("update", check);
          }));
        if (ok) converged += 1;
      }
    }
    return { checked, converged };
  },

  /** After a restart: of the messages acknowledged in the last load, how many the server lost. */
  async lost(args: { token: string }) {
    let acked = 0;
    let lost = 0;
    for (const state of documents.values()) {
      const { writer, track } = state;
      if (writer === null || track === null) continue;
      const ackedHere = Math.min(writer.acksSincePrepare, state.sent);
      acked += ackedHere;
      const probe = new RawClient({ ...connection, document: state.name, token: args.token });
      const { state: stored } = await probe.open(OPEN_DEADLINE_MS);
      probe.close();
      const clock =
        Y.decodeStateVector(Y.encodeStateVectorFromUpdate(stored)).get(track.client) ?? 0;
      for (let i = 0; i < ackedHere; i++) if (track.endClock(i) > clock) lost += 1;
    }
    return { acked, lost };
  },

  /** Sends whole updates into a document; `keep`: stay connected (an in-memory server keeps it). */
  async upload(args: { document: string; token: string; updates: Uint8Array[]; keep: boolean }) {
    const client = new RawClient({ ...connection, document: args.document, token: args.token });
    await client.open(OPEN_DEADLINE_MS);
    for (const update of args.updates) client.sendUpdate(update);
    if (connection.protocol === "hocuspocus")
      await client.waitForAcks(args.updates.length, OPEN_DEADLINE_MS);
    const state = documentState(args.document);
    if (args.keep) state.receivers.push({ client, next: 0 });
    else client.close();
    return true;
  },

  /**
   * A reconnect storm: `clients` clients open the documents (in turn) within `spreadMs`, each
   * sending the given state vector; reports when the last one had its state. They stay open.
   */
  async storm(args: {
    documents: { name: string; stateVector: Uint8Array }[];
    clients: number;
    tokens: string[];
    spreadMs: number;
  }) {
    const started = performance.now();
    const times = createHistogram();
    let failures = 0;
    let bytes = 0;
    const opens: Promise<void>[] = [];
    for (let i = 0; i < args.clients; i++) {
      const document = args.documents[i % args.documents.length];
      if (document === undefined) break;
      const at = (i / args.clients) * args.spreadMs;
      opens.push(
        new Promise<void>((resolve) => setTimeout(resolve, at)).then(async () => {
          const client = new RawClient({
            ...connection,
            document: document.name,
            token: args.tokens[i % args.tokens.length] ?? "",
            stateVector: document.stateVector,
          });
          try {
            const opened = await client.open(OPEN_DEADLINE_MS);
            times.record(Math.max(1, Math.round(opened.ms * 1000)));
            bytes += opened.state.byteLength;
            documentState(document.name).receivers.push({ client, next: 0 });
          } catch {
            failures += 1;
            client.close();
          }
        }),
      );
    }
    await Promise.all(opens);
    const ms = (us: number) => Math.round(us / 10) / 100;
    return {
      allSyncedMs: performance.now() - started,
      p50Ms: times.count > 0 ? ms(times.percentile(50)) : null,
      p99Ms: times.count > 0 ? ms(times.percentile(99)) : null,
      synced: times.count,
      failures,
      bytes,
    };
  },

  /**
   * Opens one document with a fresh client: time until its state arrived, and its size.
   * `hold`: the client stays connected (until closeAll), so the server keeps the document.
   */
  async probe(args: { document: string; token: string; stateVector?: Uint8Array; hold?: boolean }) {
    const client = new RawClient({
      ...connection,
      document: args.document,
      token: args.token,
      stateVector: args.stateVector,
    });
    let held = false;
    try {
      const { state, ms } = await client.open(OPEN_DEADLINE_MS);
      if (args.hold === true) {
        documentState(args.document).receivers.push({ client, next: 0 });
        held = true;
      }
      return { ms, bytes: state.byteLength };
    } finally {
      if (!held) client.close();
    }
  },

  async closeAll(_args: Record<string, never>) {
    for (const state of documents.values()) {
      state.writer?.close();
      for (const receiver of state.receivers) receiver.client.close();
      for (const replica of state.replicas) replica.close();
    }
    documents.clear();
    return true;
  },
};

export type WorkerCommands = typeof commands;

// Keep every client's socket alive: a slice of them each second.
let keepAliveTurn = 0;
setInterval(() => {
  const slices = KEEP_ALIVE_PERIOD_MS / KEEP_ALIVE_EVERY_MS;
  let index = 0;
  for (const state of documents.values()) {
    for (const receiver of state.receivers) {
      if (index % slices === keepAliveTurn % slices) receiver.client.keepAlive();
      index += 1;
    }
    if (state.writer !== null && index++ % slices === keepAliveTurn % slices)
      state.writer.client.keepAlive();
  }
  keepAliveTurn += 1;
}, KEEP_ALIVE_EVERY_MS).unref();

process.on("message", (message: WorkerCall) => {
  const command = commands[message.command] as (args: unknown) => Promise<unknown>;
  command(message.args).then(
    (result) => process.send?.({ id: message.id, ok: true, result } satisfies WorkerReply),
    (error: unknown) =>
      process.send?.({
        id: message.id,
        ok: false,
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
      } satisfies WorkerReply),
  );
});
process.on("disconnect", () => process.exit(0));
