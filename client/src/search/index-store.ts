// Where the browser index is saved between visits: a Dexie database per person (another person
// signing in on this browser never reads it). One record describes the index (its format, when
// it was first built, its segments in order, and for each channel the document state it
// covers); each segment is a record of its own, so a save writes only the segments that changed.
import { Dexie, type EntityTable } from "dexie";
import type { PlainIndex, UnsavedSegments } from "./search-index.ts";
import type { PlainSegment } from "./segment.ts";

interface IndexFacts {
  format: number;
  /** When this index started from empty (unchanged by later saves: a reload did not rebuild). */
  builtAt: number;
  savedAt: number;
  /** Y.js state vectors of the channel documents as indexed; absent: not fully indexed. */
  vectors: Record<string, Uint8Array>;
}

export interface SavedIndex extends IndexFacts {
  plain: PlainIndex;
}

/** A save: the facts, and the segments to (re)write (the others are kept or, if gone, deleted). */
export interface IndexSave extends IndexFacts {
  segments: UnsavedSegments;
}

export interface IndexStore {
  load(): Promise<SavedIndex | undefined>;
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
  return db.transaction("r", db.description, db.segments, async () => {
    const description = await db.description.get("index");
    if (description === undefined) return undefined;
    const segments = await db.segments.bulkGet(description.segmentIds);
    const complete = segments.filter((segment) => segment !== undefined);
    if (complete.length !== segments.length) return undefined;
    const { key: _key, segmentIds: _ids, ...facts } = description;
    return { ...facts, plain: { segments: complete } };
  });
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
    save: (saved) => save(db, saved),
    close: () => db.close(),
  };
}
