// Hocuspocus extension that makes every accepted update durable: it appends
// each update to the DocumentStore inside the Yjs update event, which runs
// synchronously while Hocuspocus applies a peer's message, before it acks the
// sender and before the batched broadcast to other peers goes out. Loading is
// snapshot plus tail; compaction runs in the background once the tail grows.
import type {
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  Extension,
  onLoadDocumentPayload,
} from "@hocuspocus/server";
import { isTransactionOrigin } from "@hocuspocus/server";
import * as Y from "yjs";
import type { Logger } from "../logger.ts";
import type { DocumentStore } from "../storage/document-store.ts";
import { shouldCompact } from "./compaction-policy.ts";

export interface PersistenceOptions {
  store: DocumentStore;
  /** Tail length before compaction is considered (see compaction-policy.ts). */
  compactAfterUpdates: number;
  logger: Logger;
}

/** Origin of the updates applied while loading, so they are not stored twice. */
const LOADING_ORIGIN = {
  source: "local",
  skipStoreHooks: true,
  context: { loading: true },
} as const;

export class Persistence implements Extension {
  readonly extensionName = "openvibe-persistence";
  private readonly options: PersistenceOptions;
  private readonly compacting = new Map<string, Promise<void>>();
  private readonly detachers = new Map<string, () => void>();

  constructor(options: PersistenceOptions) {
    this.options = options;
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    const stored = this.options.store.load(documentName);
    if (stored === null) return;
    document.transact(() => {
      if (stored.snapshot !== null) Y.applyUpdate(document, stored.snapshot);
      for (const update of stored.updates) Y.applyUpdate(document, update);
    }, LOADING_ORIGIN);
    this.options.logger.debug(
      {
        document: documentName,
        tail: stored.updates.length,
        snapshotBytes: stored.snapshot?.byteLength ?? 0,
      },
      "document loaded",
    );
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      // Updates relayed from another server by the Redis extension were stored by the server that accepted them.
      if (isTransactionOrigin(origin) && origin.source === "redis") return;
      const { size } = this.options.store.append(documentName, update);
      if (shouldCompact(size, this.options.compactAfterUpdates))
        this.compactInBackground(documentName);
    };
    document.on("update", onUpdate);
    this.detachers.set(documentName, () => document.off("update", onUpdate));
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.detachers.get(documentName)?.();
    this.detachers.delete(documentName);
  }

  /** Resolves once every compaction started so far has finished. */
  async idle(): Promise<void> {
    await Promise.all(this.compacting.values());
  }

  private compactInBackground(documentName: string): void {
    if (this.compacting.has(documentName)) return;
    const started = Date.now();
    const run = this.options.store
      .compact(documentName)
      .then((result) => {
        this.options.logger.info(
          { document: documentName, ...result, ms: Date.now() - started },
          "document compacted",
        );
      })
      .catch((error: unknown) => {
        // The tail is intact when compaction fails: nothing is lost, the next append retries.
        this.options.logger.error({ document: documentName, err: error }, "compaction failed");
      })
      .finally(() => this.compacting.delete(documentName));
    this.compacting.set(documentName, run);
  }
}
