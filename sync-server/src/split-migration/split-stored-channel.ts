// Splits one stored one-document channel into the split layout, crash-safe, as
// docs/history-split.md's "Server procedure" says: the thread documents are appended to their
// logs as the split hands them out (a few megabytes per transaction, so only the old document
// is ever whole in memory), then the commit point replaces the channel document in one
// transaction, keeping the old state under its legacy name. A crash before the commit point
// leaves the old channel document in place, and the next run splits it again into the same
// items (the split is deterministic), so what a crashed run stored changes nothing; one already
// stored whole is not appended again. After the commit point the channel reads as split and a
// run does nothing.

import {
  CURRENT_SCHEMA_VERSION,
  channelDocumentName,
  initChannel,
  listThreads,
  migrateChannel,
  readDocumentLayout,
  readSchemaVersion,
  splitChannelDocument,
  threadDocumentName,
  type UnplacedEntry,
} from "@openvibe/schema";
import type Database from "better-sqlite3";
import * as Y from "yjs";
import { type ClientIdRegistry, SERVER_OWNER } from "../collaboration/client-id-registry.ts";
import type { DocumentStore } from "../storage/document-store.ts";
import { readStoredDocument } from "../storage/load-stored-document.ts";
import { keepAsLegacy, legacyDocumentName, replaceWithSplitChannel } from "./legacy-document.ts";
import { isStored } from "./stored-documents.ts";

export interface SplitStorage {
  sqlite: Database.Database;
  store: Pick<DocumentStore, "load" | "append">;
  clientIds: ClientIdRegistry;
  now: () => number;
}

/** What happened to one channel. */
export interface ChannelSplitOutcome {
  channelId: string;
  /** `split` now; `already-split` (or split by an earlier run): nothing written. */
  outcome: "split" | "already-split";
  /** Thread documents the split made (0 when already split). */
  threads: number;
  /** Of those, already stored whole by an earlier run that did not reach the commit point. */
  threadsAlreadyStored: number;
  /** Thread documents stored before the split (peers'), kept as `legacy:thread:...`. */
  threadsSetAside: number;
  /** Entries no thread document received; the legacy copy keeps them. */
  unplaced: readonly UnplacedEntry[];
  /** Stored parts of the old document that do not decode (kept in the legacy copy). */
  damagedParts: number;
}

/** Each step that reached the disk, for progress (and for tests that stop a run halfway). */
export type SplitStep =
  | { kind: "started"; channelId: string; threads: number }
  | { kind: "threads-stored"; channelId: string; threads: number }
  | { kind: "committed"; channelId: string; threads: number };

export interface SplitStoredChannelOptions {
  /** Thread documents are stored in transactions of about this many bytes (default 4 MiB). */
  batchBytes?: number;
  onStep?: (step: SplitStep) => void;
}

const DEFAULT_BATCH_BYTES = 4 * 1024 * 1024;

/** The Yjs client ids an update writes under. */
export function clientIdsOf(update: Uint8Array): number[] {
  return [...Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update)).keys()];
}

/**
 * What a stored thread document is to the split: absent, holding every item of the split's
 * `update` already (an earlier run stored it), or something else (a peer's, written under a
 * thread id it read in the one-document channel: set aside).
 */
function storedThread(storage: SplitStorage, name: string, update: Uint8Array) {
  if (!isStored(storage.sqlite, name)) return "absent";
  const stored = readStoredDocument(storage.store, name);
  if (stored === null) return "absent";
  const have = Y.decodeStateVector(Y.encodeStateVector(stored.doc));
  stored.doc.destroy();
  const need = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
  const held = [...need].every(([client, clock]) => (have.get(client) ?? 0) >= clock);
  return held ? "held" : "other";
}

/**
 * A document older than the schema's version is brought up to it first, in memory only (the
 * split copies content, not these items), under a client id that depends on the content alone
 * (the smallest one it does not use), so that a re-run splits the same content again.
 */
function upToDate(doc: Y.Doc, channelId: string): void {
  if (readSchemaVersion(doc) >= CURRENT_SCHEMA_VERSION) return;
  const used = Y.decodeStateVector(Y.encodeStateVector(doc));
  let clientId = 1;
  while (used.has(clientId)) clientId += 1;
  doc.clientID = clientId;
  initChannel(doc, channelId);
  migrateChannel(doc);
}

class ThreadBatches {
  private pending: { name: string; update: Uint8Array; setAside: boolean }[] = [];
  private pendingBytes = 0;
  stored = 0;
  alreadyStored = 0;
  setAside = 0;

  private readonly storage: SplitStorage;
  private readonly channelId: string;
  private readonly options: SplitStoredChannelOptions;

  constructor(storage: SplitStorage, channelId: string, options: SplitStoredChannelOptions) {
    this.storage = storage;
    this.channelId = channelId;
    this.options = options;
  }

  add(threadId: string, update: Uint8Array): void {
    const name = threadDocumentName(this.channelId, threadId);
    const stored = storedThread(this.storage, name, update);
    if (stored === "held") {
      this.alreadyStored += 1;
      return;
    }
    this.pending.push({ name, update, setAside: stored === "other" });
    this.pendingBytes += update.byteLength;
    if (this.pendingBytes >= (this.options.batchBytes ?? DEFAULT_BATCH_BYTES)) this.flush();
  }

  flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    this.pendingBytes = 0;
    const { sqlite, store, clientIds } = this.storage;
    sqlite
      .transaction(() => {
        for (const { name, update, setAside } of batch) {
          if (setAside) {
            keepAsLegacy(sqlite, name);
            this.setAside += 1;
          }
          store.append(name, update);
          // The split wrote under client ids of its own: the server's, which no peer may take.
          clientIds.claim(name, clientIdsOf(update), SERVER_OWNER);
          clientIds.forget(name); // so memory does not grow with the number of threads
        }
      })
      .immediate();
    this.stored += batch.length;
    this.options.onStep?.({
      kind: "threads-stored",
      channelId: this.channelId,
      threads: this.stored,
    });
  }
}

/** Splits `channel:<channelId>` as stored, unless it is split already. */
export function splitStoredChannel(
  storage: SplitStorage,
  channelId: string,
  options: SplitStoredChannelOptions = {},
): ChannelSplitOutcome {
  const nothing = {
    channelId,
    outcome: "already-split",
    threads: 0,
    threadsAlreadyStored: 0,
    threadsSetAside: 0,
    unplaced: [],
    damagedParts: 0,
  } as const;
  // The legacy copy is written by the commit point only: the channel was split then.
  if (isStored(storage.sqlite, legacyDocumentName(channelId))) return nothing;
  const loaded = readStoredDocument(storage.store, channelDocumentName(channelId));
  if (loaded === null) return nothing;
  const { doc, damagedParts } = loaded;
  try {
    if (readDocumentLayout(doc) === "split-channel") return nothing;
    upToDate(doc, channelId);
    options.onStep?.({ kind: "started", channelId, threads: listThreads(doc).length });
    const batches = new ThreadBatches(storage, channelId, options);
    const split = splitChannelDocument(doc, {
      onThreadDocument: (threadId, update) => batches.add(threadId, update),
    });
    batches.flush();
    const threads = batches.stored + batches.alreadyStored;
    const name = channelDocumentName(channelId);
    storage.sqlite
      .transaction(() => {
        replaceWithSplitChannel(storage.sqlite, channelId, split.channelDoc, storage.now());
        storage.clientIds.claim(name, clientIdsOf(split.channelDoc), SERVER_OWNER);
      })
      .immediate();
    options.onStep?.({ kind: "committed", channelId, threads });
    return {
      channelId,
      outcome: "split",
      threads,
      threadsAlreadyStored: batches.alreadyStored,
      threadsSetAside: batches.setAside,
      unplaced: split.unplaced,
      damagedParts,
    };
  } finally {
    doc.destroy();
  }
}
