// Which entries of a document's root maps a transaction touched, directly or anywhere inside
// them: what per-document indexes (thread stamps, decoded snapshot) re-read to stay equal to a
// fresh scan in O(changed entries).
import * as Y from "yjs";

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

/**
 * The document's index from `indexes`, built by `build` on first use and from then on updated
 * before each transaction's observers run (so an observer reading or writing the document
 * already sees that transaction), and on reads inside a transaction.
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
  if (doc._transaction !== null) index.apply(doc._transaction.changed);
  return index;
}
