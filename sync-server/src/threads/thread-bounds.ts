// Hocuspocus extension that bounds the creation of thread documents. Any member may open
// `thread:<channel>:<new id>`, and each thread document is its own `maxDocumentBytes`, so without
// bounds one member could fill a channel's storage and lock everyone else out of starting threads.
// A thread document is new when the store holds nothing of it: opening it creates it (the server
// writes its meta at load, channel-initialisation.ts, and stores it whether or not a peer writes
// after), so this is where a thread is counted, at load, not at a peer's first write. A new one is
// refused once its channel holds `maxThreadsPerChannel` of them (`channel-full`, for good), or
// when the principal opening it created more than its rate of new threads allows
// (`too-many-new-threads`: nothing is stored, the client opens it again after a pause). Existing
// thread documents always open; the server's own loads are not counted. It runs after Persistence
// loaded the document (a stored one has content).
import type { Extension, onLoadDocumentPayload } from "@hocuspocus/server";
import { CONNECTION_DENIALS, parseDocumentName } from "@openvibe/schema";
import { authenticatedContext } from "../collaboration/connection-context.ts";
import { ConnectionDenied } from "../collaboration/connection-denied.ts";
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
  logger: Logger;
  /** Told of every new thread document refused for its creator's rate (metrics). */
  onTooManyNewThreads?: () => void;
}

export class ThreadBounds implements Extension {
  readonly extensionName = "openvibe-thread-bounds";
  private readonly options: ThreadBoundsOptions;
  private readonly newThreadRate: TokenBuckets;

  constructor(options: ThreadBoundsOptions) {
    this.options = options;
    this.newThreadRate = new TokenBuckets(
      options.newThreadsPerMinute / 60,
      options.newThreadsBurst,
    );
  }

  async onLoadDocument({ documentName, context }: onLoadDocumentPayload): Promise<void> {
    const { rows, maxThreadsPerChannel } = this.options;
    const parsed = parseDocumentName(documentName);
    if (parsed?.kind !== "thread" || rows.storedThrough(documentName) > 0) return;
    if (rows.storedThreadCount(parsed.channelId) >= maxThreadsPerChannel) {
      throw new ConnectionDenied(
        CONNECTION_DENIALS.channelFull,
        `channel ${parsed.channelId} holds ${maxThreadsPerChannel} thread documents, the most OPENVIBE_MAX_THREADS_PER_CHANNEL allows`,
      );
    }
    const creator = authenticatedContext(context);
    if (creator === undefined) return;
    const userId = creator.principal.user.id;
    if (this.newThreadRate.take(userId)) return;
    this.options.logger.warn(
      { channelId: parsed.channelId, document: documentName, userId },
      "too many new threads",
    );
    this.options.onTooManyNewThreads?.();
    throw new ConnectionDenied(
      CONNECTION_DENIALS.tooManyNewThreads,
      "more new thread documents than OPENVIBE_NEW_THREADS_PER_MINUTE allows",
    );
  }
}
