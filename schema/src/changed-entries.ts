// Which entries of a document's root maps a transaction touched, directly or anywhere inside
// them: what per-document indexes (thread stamps, decoded snapshot) re-read to stay equal to a
// fresh scan in O(changed entries).
import * as Y from "yjs";
import { forksMap, messagesMap, threadsMap } from "./layout.ts";

export type EntryVisitor<R> = (root: R, key: string) => void;

/** The root entry holding a changed nested type, found by walking up its parents. */
function containingEntry<R>(
  changed: { readonly _item: Y.Item | null },
  rootOf: (type: unknown) => R | undefined,
  visit: EntryVisitor<R>,
): void {
  let item = changed._item;
  while (item !== null) {
    const parent = item.parent;
    if (!(parent instanceof Y.AbstractType)) return;
    const root = rootOf(parent);
    if (root !== undefined) {
      if (item.parentSub !== null) visit(root, item.parentSub);
      return;
    }
    item = parent._item;
  }
}

/**
 * Calls `visit` for every (root, key) whose entry `changed` (a transaction's) touched. `rootOf`
 * tells which watched root a type is (undefined: not a watched root).
 */
export function forEachChangedEntry<R>(
  changed: Y.Transaction["changed"],
  rootOf: (type: unknown) => R | undefined,
  visit: EntryVisitor<R>,
): void {
  for (const [type, keys] of changed) {
    const root = rootOf(type);
    if (root === undefined) {
      containingEntry(type, rootOf, visit);
      continue;
    }
    for (const key of keys) if (key !== null) visit(root, key);
  }
}

/** A per-document index that follows each transaction's changed entries. */
export interface TransactionIndex {
  apply(changed: Y.Transaction["changed"]): void;
}

/** How many keys of each root map an index had already read inside a running transaction. */
interface ReadSoFar {
  readonly transaction: Y.Transaction;
  readonly rootKeys: Map<unknown, number>;
}

const readSoFar = new WeakMap<TransactionIndex, ReadSoFar>();

/**
 * What `transaction` changed since `index` last read inside it: of the entity roots (threads,
 * forks, messages: entries are only ever added, never replaced or removed; a changed-key set only
 * grows, in insertion order) the keys beyond those already read; everything else again (it may
 * have changed again). Many operations in one transaction (an import, a seed) so cost O(new
 * entries) per read, not O(everything written so far).
 */
function changedSinceLastRead(
  index: TransactionIndex,
  transaction: Y.Transaction,
): Y.Transaction["changed"] {
  const doc = transaction.doc;
  const entityRoots = new Set<unknown>([threadsMap(doc), forksMap(doc), messagesMap(doc)]);
  let seen = readSoFar.get(index);
  if (seen?.transaction !== transaction) {
    seen = { transaction, rootKeys: new Map() };
    readSoFar.set(index, seen);
  }
  const delta: Y.Transaction["changed"] = new Map();
  for (const [type, keys] of transaction.changed) {
    if (!entityRoots.has(type)) {
      delta.set(type, keys);
      continue;
    }
    const done = seen.rootKeys.get(type) ?? 0;
    if (keys.size === done) continue;
    const fresh = new Set<string | null>();
    let position = 0;
    for (const key of keys) if (position++ >= done) fresh.add(key);
    delta.set(type, fresh);
    seen.rootKeys.set(type, keys.size);
  }
  return delta;
}

/**
 * The document's index from `indexes`, built by `build` on first use and from then on updated
 * before each transaction's observers run with everything it changed (so an observer reading or
 * writing the document already sees that transaction, and the index equals a fresh scan), and on
 * reads inside a transaction with what changed since the previous read.
 */
export function indexInStep<T extends TransactionIndex>(
  indexes: WeakMap<Y.Doc, T>,
  doc: Y.Doc,
  build: () => T,
): T {
  let index = indexes.get(doc);
  if (index === undefined) {
    const built = build();
    indexes.set(doc, built);
    doc.on("beforeObserverCalls", (transaction) => built.apply(transaction.changed));
    index = built;
  }
  if (doc._transaction !== null) index.apply(changedSinceLastRead(index, doc._transaction));
  return index;
}
