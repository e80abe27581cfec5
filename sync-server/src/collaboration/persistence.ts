// Hocuspocus extension that makes every accepted update durable before anyone hears of it. The
// Yjs update event queues each update for the group commit (storage/group-commit.ts): one
// transaction, written off the event loop, for the updates of a turn. Hocuspocus sends
// the sender's acknowledgement while it applies the update and the broadcast on a later tick, so
// the WebSocket endpoint sends every frame through `commits.afterCommit` (durable-socket.ts):
// frames about a document whose updates wait for their commit leave once it succeeded, never
// before.
// Loading is snapshot plus tail; compaction runs in the background once the tail grows. A loaded
// document's tail may grow longer (`compactLoadedAfterUpdates`): its peers sync from the server's
// memory, so only a load after a crash reads that tail, and each compaction encodes the whole
// document again (for a channel written fast, a third of the server's CPU per update). It is
// compacted as an unloaded one would be once it unloads.
import type {
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  Extension,
  onLoadDocumentPayload,
} from "@hocuspocus/server";
import { isTransactionOrigin } from "@hocuspocus/server";
import * as Y from "yjs";
import type { Logger } from "../logger.ts";
import {
  type DamagedPart,
  type DocumentSize,
  type DocumentStore,
  sizeAfterCompaction,
} from "../storage/document-store.ts";
import {
  GroupCommit,
  type GroupCommitOptions,
  type UnstoredUpdates,
} from "../storage/group-commit.ts";
import { shouldCompact } from "./compaction-policy.ts";

export interface PersistenceOptions {
  store: DocumentStore;
  /** Tail length before compaction is considered (see compaction-policy.ts). */
  compactAfterUpdates: number;
  /** The same while the document is loaded (at least `compactAfterUpdates`). */
  compactLoadedAfterUpdates: number;
  logger: Logger;
  /** Told of every stored part found damaged and set aside (metrics). */
  onDamage?: () => void;
  /** Told of each stored batch of updates (metrics). */
  onStored?: GroupCommitOptions["onStored"];
  /** Told of each compaction's end (metrics). */
  onCompaction?: (outcome: "done" | "failed") => void;
}

/** Why `update` cannot be applied (it does not decode), or null. */
function damage(update: Uint8Array): string | null {
  try {
    Y.decodeUpdate(update);
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Origin of the updates applied while loading, so they are not stored twice. */
const LOADING_ORIGIN = {
  source: "local",
  skipStoreHooks: true,
  context: { loading: true },
} as const;

/** Applies stored parts in one transaction of the loading origin. */
function applyAll(document: Y.Doc, updates: readonly Uint8Array[]): void {
  document.transact(() => {
    for (const update of updates) Y.applyUpdate(document, update);
  }, LOADING_ORIGIN);
}

/**
 * Runs `load` with the document's update listeners set aside. Yjs encodes a transaction's whole
 * update for them (for a stored document: all of it again, about half the cost of applying it),
 * and Hocuspocus's own listener would queue that copy for a broadcast; nobody listens for what a
 * load applies (Persistence attaches its listener after it, and peers get the state in their
 * sync reply).
 */
function withoutUpdateEvents(document: Y.Doc, load: () => void): void {
  const listeners = document._observers.get("update");
  document._observers.delete("update");
  try {
    load();
  } finally {
    if (listeners !== undefined) document._observers.set("update", listeners);
  }
}

export class Persistence implements Extension {
  readonly extensionName = "openvibe-persistence";
  private readonly options: PersistenceOptions;
  private readonly compacting = new Map<string, Promise<void>>();
  private readonly detachers = new Map<string, () => void>();
  /** Each loaded document's size after its latest stored batch, weighed again when it unloads. */
  private readonly loadedSizes = new Map<string, DocumentSize>();
  private stopping = false;
  /** Stores the updates of each turn together; a document's outgoing frames wait for it. */
  readonly commits: GroupCommit;

  constructor(options: PersistenceOptions) {
    this.options = options;
    this.commits = new GroupCommit({
      store: options.store,
      logger: options.logger,
      ...(options.onStored === undefined ? {} : { onStored: options.onStored }),
      onCommitted: (sizes) => {
        for (const [name, size] of sizes) {
          const loaded = this.detachers.has(name);
          if (loaded) this.loadedSizes.set(name, size);
          const minimum = loaded ? options.compactLoadedAfterUpdates : options.compactAfterUpdates;
          if (shouldCompact(size, minimum)) this.compactInBackground(name);
        }
      },
    });
  }

  async onConfigure(): Promise<void> {
    // The store's worker threads load their modules now, while the server starts, not during
    // the first append or compaction: that would take CPU time from peers' updates.
    this.options.store.warmUp?.();
  }

  async onLoadDocument({ document, documentName }: onLoadDocumentPayload): Promise<void> {
    // A document unloaded a moment ago may still have updates waiting for their commit.
    if (!(await this.commits.settle(documentName))) {
      throw new Error(`could not store waiting updates before loading ${documentName}`);
    }
    const stored = this.options.store.load(documentName);
    if (stored === null) return;
    const parts: { bytes: Uint8Array; part: DamagedPart }[] = stored.updates.map((bytes, i) => ({
      bytes,
      part: { kind: "update", seq: stored.seqs[i] ?? -1 },
    }));
    if (stored.snapshot !== null)
      parts.unshift({ bytes: stored.snapshot, part: { kind: "snapshot" } });
    const updates = parts.map(({ bytes }) => bytes);
    withoutUpdateEvents(document, () => {
      try {
        applyAll(document, updates);
      } catch {
        // Only now is each part decoded on its own (a whole decode each: as costly as applying
        // it). Applying again what applied is a no-op in Yjs, so this goes on from what the
        // first try applied, without the damaged parts. A part damaged only in its delete set
        // (its last bytes) has had its items applied by then, which the decode first did not
        // let in; its deletions are lost either way.
        applyAll(document, this.intactParts(documentName, parts));
      }
    });
    this.options.logger.debug(
      {
        document: documentName,
        tail: stored.updates.length,
        snapshotBytes: stored.snapshot?.byteLength ?? 0,
      },
      "document loaded",
    );
  }

  /**
   * The parts that decode. A damaged part is set aside (kept for inspection) and the document
   * loads from the rest: peers that hold what it carried send it again when they sync.
   */
  private intactParts(
    documentName: string,
    parts: readonly { bytes: Uint8Array; part: DamagedPart }[],
  ): Uint8Array[] {
    return parts.flatMap(({ bytes, part }) => {
      const why = damage(bytes);
      if (why === null) return [bytes];
      this.options.store.setAside(documentName, part, why);
      this.options.onDamage?.();
      this.options.logger.error(
        { document: documentName, ...part, bytes: bytes.byteLength, reason: why },
        "damaged document part set aside",
      );
      return [];
    });
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const onUpdate = (update: Uint8Array, origin: unknown) => {
      // Updates relayed from another server by the Redis extension were stored by the server that accepted them.
      if (isTransactionOrigin(origin) && origin.source === "redis") return;
      this.commits.add(documentName, update);
    };
    document.on("update", onUpdate);
    this.detachers.set(documentName, () => document.off("update", onUpdate));
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.detachers.get(documentName)?.();
    this.detachers.delete(documentName);
    // Updates still waiting for their commit are weighed when it lands (no longer loaded).
    const size = this.loadedSizes.get(documentName);
    this.loadedSizes.delete(documentName);
    // Once stopping, `stop` weighed every document still loaded (the store may be closing now).
    if (!this.stopping && size !== undefined) this.weighUnloaded(documentName, size);
  }

  /** Commits what waits, then resolves once every compaction started so far has finished. */
  async idle(): Promise<void> {
    await this.commits.settle();
    await Promise.all(this.compacting.values());
  }

  /**
   * For a server that stops: commits what waits, compacts the documents still loaded whose tail
   * an unloaded one would not keep, and waits for the compactions. Resolves with the updates that
   * could not be stored (a full or read-only disk).
   */
  async stop(): Promise<UnstoredUpdates> {
    const unstored = await this.commits.stop();
    this.stopping = true;
    // Documents still loaded are weighed as if unloaded, so the next start loads them short.
    for (const [name, size] of this.loadedSizes) this.weighUnloaded(name, size);
    this.loadedSizes.clear();
    await Promise.all(this.compacting.values());
    return unstored;
  }

  /** Compacts a document no longer loaded (or about to be) whose tail an unloaded one would not keep. */
  private weighUnloaded(documentName: string, size: DocumentSize): void {
    if (shouldCompact(size, this.options.compactAfterUpdates))
      this.compactInBackground(documentName);
  }

  private compactInBackground(documentName: string): void {
    if (this.compacting.has(documentName)) return;
    const started = Date.now();
    const run = this.options.store
      .compact(documentName)
      .then((result) => {
        const before = this.loadedSizes.get(documentName);
        if (before !== undefined) {
          this.loadedSizes.set(documentName, sizeAfterCompaction(before, result));
        }
        this.options.logger.info(
          { document: documentName, ...result, ms: Date.now() - started },
          "document compacted",
        );
        this.options.onCompaction?.("done");
      })
      .catch((error: unknown) => {
        // The tail is intact when compaction fails: nothing is lost, the next append retries.
        this.options.logger.error({ document: documentName, err: error }, "compaction failed");
        this.options.onCompaction?.("failed");
      })
      .finally(() => this.compacting.delete(documentName));
    this.compacting.set(documentName, run);
  }
}
