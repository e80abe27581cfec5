// Where the browser index is saved between visits: a Dexie database per person (another person
// signing in on this browser never reads it). One record describes the index (its format, when
// it was first built, its segments newest first, and for each channel the document state it
// covers); each segment is a record of its own, so a save writes only the segments that changed
// and a load reads them one at a time.
import { Dexie, type EntityTable } from "dexie";
import type { PlainSegment } from "./saved-segment.ts";
import type { UnsavedSegments } from "./search-index.ts";

interface IndexFacts {
  format: number;
  /** When this index started from empty (unchanged by later saves: a reload did not rebuild). */
  builtAt: number;
  savedAt: number;
  /** Y.js state vectors of the channel documents as indexed; absent: not fully indexed. */
  vectors: Record<string, Uint8Array>;
}

/** A saved index as described: its segments are read with loadSegment. */
export interface SavedIndex extends IndexFacts {
  /** The segment holding the newest message first. */
  segmentIds: readonly number[];
}

/** A save: the facts, and the segments to (re)write (the others are kept or, if gone, deleted). */
export interface IndexSave extends IndexFacts {
  segments: UnsavedSegments;
}

export interface IndexStore {
  load(): Promise<SavedIndex | undefined>;
  /** Undefined: not found (the index was saved over since it was described). */
  loadSegment(id: number): Promise<PlainSegment | undefined>;
  save(save: IndexSave): Promise<void>;
  close(): void;
}

interface Description extends IndexFacts {
  key: "index";
  segmentIds: number[];
}

class SearchDatabase extends Dexie {
  description!: EntityTable<Description, "key">;
  segments!: EntityTable<PlainSegment, "id">;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ saved: "key" });
    // Version 1 kept the whole index in one record, in a format no longer read.
    this.version(2).stores({ saved: null, description: "key", segments: "id" });
  }
}

export function searchDatabaseName(userId: string): string {
  return `openvibe-search:${userId}`;
}

async function load(db: SearchDatabase): Promise<SavedIndex | undefined> {
  const description = await db.description.get("index");
  if (description === undefined) return undefined;
  const { key: _key, ...saved } = description;
  return saved;
}

/**
 * Reads the segments of a saved index in its order, one at a time (each restored in a task of
 * its own, so no task takes the whole index). False: a segment was missing or `cancelled()`.
 */
export async function forEachSavedSegment(
  store: IndexStore,
  saved: SavedIndex,
  restore: (segment: PlainSegment) => void,
  cancelled: () => boolean = () => false,
): Promise<boolean> {
  for (const id of saved.segmentIds) {
    const segment = await store.loadSegment(id);
    if (segment === undefined || cancelled()) return false;
    restore(segment);
  }
  return true;
}

async function save(db: SearchDatabase, { segments, ...facts }: IndexSave) {
  const { segmentIds, changed } = segments;
  await db.transaction("rw", db.description, db.segments, async () => {
    const kept = new Set(segmentIds);
    const stored = await db.segments.toCollection().primaryKeys();
    await db.segments.bulkDelete(stored.filter((id) => !kept.has(id)));
    await db.segments.bulkPut([...changed]);
    await db.description.put({ key: "index", segmentIds: [...segmentIds], ...facts });
  });
}

export function dexieIndexStore(userId: string): IndexStore {
  const db = new SearchDatabase(searchDatabaseName(userId));
  return {
    load: () => load(db),
    loadSegment: (id) => db.segments.get(id),
    save: (saved) => save(db, saved),
    close: () => db.close(),
  };
}
