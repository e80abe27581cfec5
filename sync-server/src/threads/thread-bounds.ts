// Hocuspocus extension that bounds the creation of thread documents, and creates them. Any member
// may open `thread:<channel>:<new id>`, and each thread document is its own `maxDocumentBytes`,
// so without bounds one member could fill a channel's storage and lock everyone else out of
// starting threads.
//
// A thread document the store holds nothing of is not created by opening it: a reader following
// a link to a missing thread, a guest, anyone guessing ids stores nothing and is counted nowhere
// (the peer gets an empty document: the thread does not exist). It is created by the first peer
// write into it that the write guard accepted (the client that started the thread, online or
// synced later, sends it whole in that write): only then is it counted, and refused once its
// channel holds `maxThreadsPerChannel` of them (`channel-full`), or when its writer created more
// new threads lately than its rate allows (`too-many-new-threads`, saying when its turn comes:
// rate-limit/token-buckets.ts). A refusal closes that document's connection before the write
// applies: nothing is stored, the client keeps the thread. An accepted one gets its meta
// (channel, thread, schemaVersion, server-written) in the same turn as the write, so both are
// stored together. It runs after the write guard (its beforeHandleMessage checked the write).
import type {
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  beforeHandleMessagePayload,
  Extension,
} from "@hocuspocus/server";
import {
  CLOSE_CODES,
  initThreadDocument,
  type ParsedDocumentName,
  parseDocumentName,
  tooFastReason,
} from "@openvibe/schema";
import type * as Y from "yjs";
import { authenticatedContext } from "../collaboration/connection-context.ts";
import { updateInFrame, writesAnything } from "../collaboration/sync-frames.ts";
import type { Logger } from "../logger.ts";
import { TokenBuckets } from "../rate-limit/token-buckets.ts";
import type { ThreadIndexRows } from "./thread-index-rows.ts";

export interface ThreadBoundsOptions {
  rows: ThreadIndexRows;
  /** Thread documents one channel may hold. */
  maxThreadsPerChannel: number;
  /** New thread documents one principal may create per minute on average, over all channels. */
  newThreadsPerMinute: number;
  /** New thread documents one principal may create at once (its bucket's size). */
  newThreadsBurst: number;
  /** Resolves once a document's changes so far are stored (whether or not that succeeded). */
  stored: (documentName: string) => Promise<unknown>;
  logger: Logger;
  /** Told of every new thread document refused for its creator's rate (metrics). */
  onTooManyNewThreads?: () => void;
}

/** A refusal of the write that would create a thread document: closes its connection. */
class NewThreadRefused extends Error {
  readonly code: number;
  readonly reason: string;

  constructor(code: number, reason: string, message: string) {
    super(message);
    this.name = "NewThreadRefused";
    this.code = code;
    this.reason = reason;
  }
}

type ThreadName = Extract<ParsedDocumentName, { kind: "thread" }>;

export class ThreadBounds implements Extension {
  readonly extensionName = "openvibe-thread-bounds";
  private readonly options: ThreadBoundsOptions;
  private readonly newThreadRate: TokenBuckets;
  /** Loaded thread documents the store held nothing of at load, until a write creates them. */
  private readonly uncreated = new Map<string, { document: Y.Doc; name: ThreadName }>();
  /** Thread documents created, by channel, until their creation is stored (then the store counts them). */
  private readonly creating = new Map<string, Set<string>>();

  constructor(options: ThreadBoundsOptions) {
    this.options = options;
    this.newThreadRate = new TokenBuckets(
      options.newThreadsPerMinute / 60,
      options.newThreadsBurst,
    );
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const parsed = parseDocumentName(documentName);
    if (parsed?.kind !== "thread" || this.options.rows.storedThrough(documentName) > 0) return;
    this.uncreated.set(documentName, { document, name: parsed });
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    // A document loaded again under this name meanwhile is another one.
    if (this.uncreated.get(documentName)?.document.isDestroyed) this.uncreated.delete(documentName);
  }

  async beforeHandleMessage({
    context,
    document,
    documentName,
    update,
  }: beforeHandleMessagePayload): Promise<void> {
    const uncreated = this.uncreated.get(documentName);
    if (uncreated?.document !== document) return;
    const writer = authenticatedContext(context);
    // Read-only connections' writes are dropped by Hocuspocus: they create nothing.
    if (writer === undefined || writer.access === "read" || !writesAnything(frameUpdate(update))) {
      return;
    }
    const { channelId, threadId } = uncreated.name;
    this.admit(documentName, channelId, writer.principal.user.id);
    this.uncreated.delete(documentName);
    initThreadDocument(document, channelId, threadId);
    this.noteCreating(channelId, documentName);
  }

  /** Throws unless a new thread document of `channelId` by `userId` may be created now. */
  private admit(documentName: string, channelId: string, userId: string): void {
    const { maxThreadsPerChannel } = this.options;
    if (this.threadCount(channelId) >= maxThreadsPerChannel) {
      throw new NewThreadRefused(
        CLOSE_CODES.channelFull.code,
        CLOSE_CODES.channelFull.reason,
        `channel ${channelId} holds ${maxThreadsPerChannel} thread documents, the most OPENVIBE_MAX_THREADS_PER_CHANNEL allows`,
      );
    }
    if (this.newThreadRate.take(userId)) return;
    const waitMs = this.newThreadRate.turnMs(userId);
    this.options.logger.warn(
      { channelId, document: documentName, userId, waitMs },
      "too many new threads",
    );
    this.options.onTooManyNewThreads?.();
    throw new NewThreadRefused(
      CLOSE_CODES.tooManyNewThreads.code,
      tooFastReason(CLOSE_CODES.tooManyNewThreads.reason, waitMs),
      "more new thread documents than OPENVIBE_NEW_THREADS_PER_MINUTE allows",
    );
  }

  /** The channel's thread documents: those stored, and those created whose store is under way. */
  private threadCount(channelId: string): number {
    const { rows } = this.options;
    let unstored = 0;
    for (const name of this.creating.get(channelId) ?? []) {
      if (rows.storedThrough(name) === 0) unstored += 1;
    }
    return rows.storedThreadCount(channelId) + unstored;
  }

  private noteCreating(channelId: string, documentName: string): void {
    const names = this.creating.get(channelId) ?? new Set<string>();
    names.add(documentName);
    this.creating.set(channelId, names);
    // Once the writer's update, applied after this hook in this turn, is queued with the meta.
    setImmediate(() => {
      void this.options.stored(documentName).finally(() => {
        names.delete(documentName);
        if (names.size === 0 && this.creating.get(channelId) === names) {
          this.creating.delete(channelId);
        }
      });
    });
  }
}

/** The update a frame carries, or null when it carries none or does not decode. */
function frameUpdate(frame: Uint8Array): Uint8Array | null {
  try {
    return updateInFrame(frame);
  } catch {
    // Malformed: the write guard refuses it (or Hocuspocus fails to read it); nothing to create.
    return null;
  }
}
