// Splits a one-document channel into the split layout (docs/history-split.md): a channel
// document (meta and the thread index: the digests of the threads in its window) and one thread
// document per thread, each holding its thread's entry and every entry that thread owns
// (entity-owners.ts), copied value for value. Every thread's digest is also returned, for the
// server's SQL projection of the index (which lists the threads beyond the window too).
//
// Deterministic, hence idempotent and crash-safe: the output depends only on the input's
// content, and each output document is written in one transaction under a client id derived
// from its name and the input's content fingerprint. Splitting the same input again writes the
// same Yjs items (same client, same clocks, same content), which a document already holding
// them ignores: re-applying after a crash halfway, or twice, changes nothing, even once people
// have written into the thread documents since. A changed input gets other client ids, so its
// items never collide with an earlier run's (they merge as concurrent writes would).
import * as Y from "yjs";
import { SYSTEM_ACTOR } from "../actors.ts";
import { compareCodeUnits } from "../clock.ts";
import { channelDocumentName } from "../document-name.ts";
import { ChannelError } from "../errors.ts";
import { META_KEYS, metaMap, ROOT_NAMES, threadIndexArray, threadsMap } from "../layout.ts";
import { CURRENT_SCHEMA_VERSION } from "../migrations/registry.ts";
import { assertDocumentWritable } from "../migrations/version.ts";
import { readChannelId } from "../operations/channel.ts";
import type { ChannelOrigin } from "../origin.ts";
import { storedThreadDigest, type ThreadDigest } from "../records/thread-digest.ts";
import { copyInto } from "./canonical-copy.ts";
import { deriveThreadIndexEntry } from "./derive-index-entry.ts";
import { readDocumentLayout, SPLIT_LAYOUT, THREAD_DOCUMENT_ROOTS } from "./document-layout.ts";
import { isNameableThreadId, threadDocumentName } from "./document-names.ts";
import { ownersIn, type ThreadOwnedRoot } from "./entity-owners.ts";
import { contentFingerprint, derivedClientId } from "./fingerprint.ts";
import { readThreadDigests, THREAD_INDEX_WINDOW, threadsInWindow } from "./thread-index-store.ts";

/** An entry of the input that no thread document received; the input keeps it. */
export interface UnplacedEntry {
  readonly root: string;
  readonly key: string;
  readonly reason: string;
}

export interface ChannelSplit {
  readonly channelId: string;
  /** The new channel document's whole state (it replaces the input under the same name). */
  readonly channelDoc: Uint8Array;
  /** Each thread document's whole state, by thread id. */
  readonly threadDocs: ReadonlyMap<string, Uint8Array>;
  /** Every thread's digest, by thread id: the window's are in `channelDoc` too. */
  readonly digests: ReadonlyMap<string, ThreadDigest>;
  /** Empty for every document the operations wrote; see docs/history-split.md. */
  readonly unplaced: readonly UnplacedEntry[];
}

const SPLIT_ORIGIN: ChannelOrigin = {
  source: "migration",
  actor: SYSTEM_ACTOR,
  operation: "splitChannel",
};

const THREAD_OWNED_ROOTS = THREAD_DOCUMENT_ROOTS.filter(
  (root): root is ThreadOwnedRoot => root !== ROOT_NAMES.meta && root !== ROOT_NAMES.threads,
);

/** The keys of each thread-owned root, by owning thread; the rest reported as unplaced. */
type Placement = Map<string, Map<ThreadOwnedRoot, string[]>>;

function place(oldDoc: Y.Doc, threadIds: ReadonlySet<string>, unplaced: UnplacedEntry[]) {
  const placement: Placement = new Map([...threadIds].map((id) => [id, new Map()]));
  const owners = ownersIn(oldDoc);
  for (const root of THREAD_OWNED_ROOTS) {
    oldDoc.getMap(root).forEach((value, key) => {
      const owner = owners[root](key, value);
      const keys = owner === undefined ? undefined : placement.get(owner);
      if (keys === undefined) {
        const reason = owner === undefined ? "no thread" : `no thread ${JSON.stringify(owner)}`;
        unplaced.push({ root, key, reason });
        return;
      }
      const list = keys.get(root) ?? [];
      list.push(key);
      keys.set(root, list);
    });
  }
  return placement;
}

function documentFor(name: string, fingerprint: number): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = derivedClientId(name, fingerprint);
  return doc;
}

function threadsToSplit(oldDoc: Y.Doc, unplaced: UnplacedEntry[]): Set<string> {
  const threadIds = new Set<string>();
  for (const threadId of threadsMap(oldDoc).keys()) {
    if (isNameableThreadId(threadId)) threadIds.add(threadId);
    else unplaced.push({ root: ROOT_NAMES.threads, key: threadId, reason: "unnameable thread id" });
  }
  return threadIds;
}

function buildThreadDocument(
  oldDoc: Y.Doc,
  channelId: string,
  threadId: string,
  keys: ReadonlyMap<ThreadOwnedRoot, readonly string[]>,
  fingerprint: number,
): Y.Doc {
  const doc = documentFor(threadDocumentName(channelId, threadId), fingerprint);
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set(META_KEYS.channelId, channelId);
    meta.set(META_KEYS.threadId, threadId);
    meta.set(META_KEYS.schemaVersion, CURRENT_SCHEMA_VERSION);
    copyInto(threadsMap(doc), threadId, threadsMap(oldDoc).get(threadId));
    for (const root of THREAD_OWNED_ROOTS) {
      const source = oldDoc.getMap(root);
      const target = doc.getMap(root);
      for (const key of [...(keys.get(root) ?? [])].sort(compareCodeUnits))
        copyInto(target, key, source.get(key));
    }
  }, SPLIT_ORIGIN);
  return doc;
}

/**
 * Meta and the window's digests (by thread id: YKeyValue's items, written directly so the order
 * comes from the content alone).
 */
function buildChannelDocument(
  channelId: string,
  digests: ReadonlyMap<string, ThreadDigest>,
  window: number,
  fingerprint: number,
): Y.Doc {
  const doc = documentFor(channelDocumentName(channelId), fingerprint);
  const kept = [...threadsInWindow(digests, window)].sort(compareCodeUnits);
  doc.transact(() => {
    const meta = metaMap(doc);
    meta.set(META_KEYS.channelId, channelId);
    meta.set(META_KEYS.layout, SPLIT_LAYOUT);
    meta.set(META_KEYS.schemaVersion, CURRENT_SCHEMA_VERSION);
    threadIndexArray(doc).push(
      kept.flatMap((threadId) => {
        const digest = digests.get(threadId);
        return digest === undefined ? [] : [{ key: threadId, val: storedThreadDigest(digest) }];
      }),
    );
  }, SPLIT_ORIGIN);
  return doc;
}

function requireChannelId(oldDoc: Y.Doc): string {
  const channelId = readChannelId(oldDoc);
  if (channelId === undefined || readDocumentLayout(oldDoc) === "thread") {
    throw new ChannelError("invalid_input", "not a channel document");
  }
  channelDocumentName(channelId); // validates it
  return channelId;
}

export interface SplitOptions {
  /**
   * Receives each thread document's state (and its digest, undefined for a thread entry that is
   * not valid) as soon as it is built, instead of `threadDocs` (left empty), so a large
   * channel's thread documents are never all in memory at once.
   */
  readonly onThreadDocument?: (
    threadId: string,
    update: Uint8Array,
    digest: ThreadDigest | undefined,
  ) => void;
  /** How many most recently active threads' digests the channel document keeps. */
  readonly window?: number;
}

/**
 * The split layout of a one-document channel (`oldDoc` is only read). A channel document
 * already split is returned as it is, with no thread documents.
 */
export function splitChannelDocument(oldDoc: Y.Doc, options: SplitOptions = {}): ChannelSplit {
  const channelId = requireChannelId(oldDoc);
  assertDocumentWritable(oldDoc);
  if (readDocumentLayout(oldDoc) === "split-channel") {
    return {
      channelId,
      channelDoc: Y.encodeStateAsUpdate(oldDoc),
      threadDocs: new Map(),
      digests: readThreadDigests(oldDoc),
      unplaced: [],
    };
  }
  const fingerprint = contentFingerprint(oldDoc);
  const unplaced: UnplacedEntry[] = [];
  const placement = place(oldDoc, threadsToSplit(oldDoc, unplaced), unplaced);
  const threadDocs = new Map<string, Uint8Array>();
  const digests = new Map<string, ThreadDigest>();
  for (const threadId of [...placement.keys()].sort(compareCodeUnits)) {
    const keys = placement.get(threadId) ?? new Map();
    const threadDoc = buildThreadDocument(oldDoc, channelId, threadId, keys, fingerprint);
    const update = Y.encodeStateAsUpdate(threadDoc);
    const digest = deriveThreadIndexEntry(threadDoc, threadId);
    if (digest !== undefined) digests.set(threadId, digest);
    if (options.onThreadDocument === undefined) threadDocs.set(threadId, update);
    else options.onThreadDocument(threadId, update, digest);
    threadDoc.destroy();
  }
  const window = options.window ?? THREAD_INDEX_WINDOW;
  const channelDoc = buildChannelDocument(channelId, digests, window, fingerprint);
  return {
    channelId,
    channelDoc: Y.encodeStateAsUpdate(channelDoc),
    threadDocs,
    digests,
    unplaced,
  };
}
