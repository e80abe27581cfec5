// Hocuspocus extension that keeps a split channel's thread index in step with its thread
// documents (docs/history-split.md, "Index repair"). When a thread document loads, and at most
// once per `delayMs` while it changes (each streamed token of a reply is a change, and deriving
// re-reads the thread's lines), it repairs the channel document's index when that one is split
// (`repairThreadIndex`: the digest, in the window or not, and the window trimmed), through a
// lease on the channel document (loaded if needed: a split channel document is small), then
// writes the digest into `thread_index` with the stored state it was derived from (rows wait up
// to `rowsWaitMs` to be written together: thread-index-row-queue.ts). What waits is done before a
// thread document unloads.
import type {
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  beforeUnloadDocumentPayload,
  Extension,
  onConfigurePayload,
} from "@hocuspocus/server";
import {
  channelDocumentName,
  deriveThreadIndexEntry,
  parseDocumentName,
  readDocumentLayout,
  repairThreadIndex,
  type ThreadDigest,
} from "@openvibe/schema";
import type * as Y from "yjs";
import type { Logger } from "../logger.ts";
import type { DocumentStore } from "../storage/document-store.ts";
import { ChannelDocumentLeases } from "./channel-document-leases.ts";
import { indexStoredThreads } from "./stored-thread-documents.ts";
import { ThreadIndexRowQueue } from "./thread-index-row-queue.ts";
import type { StoredThreadDocument, ThreadIndexRows } from "./thread-index-rows.ts";

export interface ThreadIndexProjectionOptions {
  rows: ThreadIndexRows;
  /** How long a channel document loaded for the repair is kept after its last one. */
  holdMs: number;
  /**
   * Resolves once a document's changes so far are stored (false: storing failed). A row is
   * written only after the channel document's repair is stored, so a row never says more than
   * the stored channel document: a stop between the two leaves a row the catch-up redoes.
   */
  stored: (documentName: string) => Promise<boolean>;
  /** Longest a change waits before the thread's digest is derived again. */
  delayMs: number;
  /** Longest a derived row waits to be written into `thread_index` with others. */
  rowsWaitMs: number;
  logger: Logger;
}

interface Watched {
  readonly documentName: string;
  readonly channelId: string;
  readonly threadId: string;
  readonly document: Y.Doc;
  timer: NodeJS.Timeout | null;
  /** The derivation running now (its channel repair is asynchronous). */
  running: Promise<void> | null;
  stop: () => void;
}

export class ThreadIndexProjection implements Extension {
  readonly extensionName = "openvibe-thread-index";
  private readonly options: ThreadIndexProjectionOptions;
  private readonly watched = new Map<string, Watched>();
  /**
   * Channels whose document was found one-document: no index to repair there (a thread document
   * of such a channel still gets its row). Forgotten when the channel document loads again.
   */
  private readonly oneDocumentChannels = new Set<string>();
  private readonly rowQueue: ThreadIndexRowQueue;

  /** Set once Hocuspocus is configured: the repair writes through its direct connections. */
  private leases: ChannelDocumentLeases | null = null;
  private catchingUp: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(options: ThreadIndexProjectionOptions) {
    this.options = options;
    this.rowQueue = new ThreadIndexRowQueue({
      rows: options.rows,
      waitMs: options.rowsWaitMs,
      logger: options.logger,
    });
  }

  /** Writes the rows waiting: before the thread list reads `thread_index`. */
  writeWaitingRows(): void {
    this.rowQueue.flush();
  }

  async onConfigure({ instance }: onConfigurePayload): Promise<void> {
    this.leases = new ChannelDocumentLeases(instance, this.options.holdMs);
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const parsed = parseDocumentName(documentName);
    if (parsed === null) return;
    if (parsed.kind === "channel") {
      if (readDocumentLayout(document) === "one-document") {
        this.oneDocumentChannels.add(parsed.channelId);
      } else this.oneDocumentChannels.delete(parsed.channelId);
      return;
    }
    const entry: Watched = {
      documentName,
      channelId: parsed.channelId,
      threadId: parsed.threadId,
      document,
      timer: null,
      running: null,
      stop: () => {},
    };
    const { rows } = this.options;
    // One with nothing stored does not exist yet (threads/thread-bounds.ts): no row until the
    // write that creates it, which is derived at once (the thread is listed, and the channel
    // document written, as soon as it exists), later ones within the delay.
    let created = rows.storedThrough(documentName) > 0;
    const onUpdate = () => {
      this.schedule(entry, created ? this.options.delayMs : 0);
      created = true;
    };
    document.on("update", onUpdate);
    entry.stop = () => document.off("update", onUpdate);
    this.watched.set(documentName, entry);
    // On load, unless its row says what is stored (a client opening many threads would have each
    // re-read for nothing): a thread document stored while the server was down, or before its row.
    if (created && !rows.isCurrent(documentName)) this.schedule(entry, 0);
  }

  /** Derives what waits, and lets the document go only once its channel is repaired. */
  async beforeUnloadDocument({ documentName }: beforeUnloadDocumentPayload): Promise<void> {
    const entry = this.watched.get(documentName);
    if (entry === undefined) return;
    if (entry.timer !== null) this.derive(entry);
    await entry.running;
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    const entry = this.watched.get(documentName);
    // A document loaded again under this name meanwhile is another one, still watched.
    if (entry === undefined || !entry.document.isDestroyed) return;
    if (entry.timer !== null) clearTimeout(entry.timer);
    entry.stop();
    this.watched.delete(documentName);
  }

  /**
   * At start, in the background: the rows of thread documents stored after their row was
   * written (the server stopped between the two), and their channels' index. `unindexed` finds
   * those documents (findUnindexedThreads: in parts, on a connection of its own).
   */
  catchUp(store: Pick<DocumentStore, "load">, unindexed: Promise<StoredThreadDocument[]>): void {
    const { rows, logger } = this.options;
    const started = Date.now();
    this.catchingUp = unindexed
      .then((documents) =>
        indexStoredThreads({
          rows,
          store,
          documents,
          repair: async (channelId, threadDoc) =>
            (await this.repair(channelId, threadDoc)) === undefined ||
            this.channelStored(channelId),
          going: () => !this.stopping,
        }),
      )
      .then(
        (threads) => {
          // Always said: until then the scan takes CPU time from peers (the sign-in benchmark
          // waits for it, scripts/bench/client-server.ts).
          logger.info({ threads, ms: Date.now() - started }, "thread index caught up");
        },
        (error: unknown) => logger.error({ err: error }, "the thread index could not catch up"),
      );
  }

  /**
   * For a server that stops: derives every thread document with changes waiting, waits for their
   * repairs and lets the channel documents it holds go.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.catchingUp;
    for (const entry of this.watched.values()) if (entry.timer !== null) this.derive(entry);
    await Promise.all([...this.watched.values()].map((entry) => entry.running));
    this.rowQueue.flush();
    await this.leases?.close();
  }

  /**
   * Derives now the digests of the channel's thread documents with changes waiting, and waits
   * for every derivation of them running: the channel's index then says what they hold.
   */
  async settle(channelId: string): Promise<void> {
    const entries = [...this.watched.values()].filter((entry) => entry.channelId === channelId);
    for (const entry of entries) if (entry.timer !== null) this.derive(entry);
    await Promise.all(entries.map((entry) => entry.running));
  }

  private schedule(entry: Watched, delayMs: number): void {
    if (entry.timer !== null) return;
    entry.timer = setTimeout(() => this.derive(entry), delayMs);
  }

  private derive(entry: Watched): void {
    if (entry.timer !== null) clearTimeout(entry.timer);
    entry.timer = null;
    if (entry.document.isDestroyed) return;
    const { channelId, threadId, documentName, document } = entry;
    // Read first: the document in memory holds at least what is stored now.
    const storedThrough = this.options.rows.storedThrough(documentName);
    const previous = entry.running ?? Promise.resolve();
    const running: Promise<void> = previous
      .then(async () => {
        // Deriving re-reads the whole thread: once, by the repair when the channel is split.
        const repaired = await this.repair(channelId, document);
        if (repaired !== undefined && !(await this.channelStored(channelId))) return;
        const digest =
          repaired ??
          (document.isDestroyed ? undefined : deriveThreadIndexEntry(document, threadId));
        // Null: nothing to list yet (an empty thread document, or one whose entry has not
        // arrived), recorded so the catch-up does not read it again until it changes.
        if (digest !== undefined || !document.isDestroyed) {
          this.rowQueue.add({ channelId, threadId, digest: digest ?? null, storedThrough });
        }
      })
      .catch((error: unknown) => {
        this.options.logger.error(
          { err: error, document: documentName },
          "could not index a thread",
        );
      })
      .finally(() => {
        if (entry.running === running) entry.running = null;
      });
    entry.running = running;
  }

  private channelStored(channelId: string): Promise<boolean> {
    return this.options.stored(channelDocumentName(channelId));
  }

  /**
   * Writes the thread's digest into its channel document when that one is split (and trims the
   * window); returns the digest written or found in step, undefined when nothing was repaired.
   */
  private async repair(channelId: string, threadDoc: Y.Doc): Promise<ThreadDigest | undefined> {
    if (this.oneDocumentChannels.has(channelId)) return undefined;
    let digest: ThreadDigest | undefined;
    await this.leases?.transact(channelId, (channelDoc) => {
      if (readDocumentLayout(channelDoc) !== "split-channel") {
        this.oneDocumentChannels.add(channelId);
        return;
      }
      if (!threadDoc.isDestroyed) digest = repairThreadIndex(channelDoc, threadDoc)?.digest;
    });
    return digest;
  }
}
