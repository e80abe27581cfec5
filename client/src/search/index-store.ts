// Where the browser index is saved between visits: a Dexie database per person (another person
// signing in on this browser never reads it), one record with the index, its format, when it
// was first built, and for each channel the document state it covers.
import { Dexie, type EntityTable } from "dexie";
import type { PlainIndex } from "./search-index.ts";

export interface SavedIndex {
  key: "index";
  format: number;
  /** When this index started from empty (unchanged by later saves: a reload did not rebuild). */
  builtAt: number;
  savedAt: number;
  plain: PlainIndex;
  /** Y.js state vectors of the channel documents as indexed; absent: not fully indexed. */
  vectors: Record<string, Uint8Array>;
}

export interface IndexStore {
  load(): Promise<SavedIndex | undefined>;
  save(saved: SavedIndex): Promise<void>;
  clear(): Promise<void>;
  close(): void;
}

class SearchDatabase extends Dexie {
  saved!: EntityTable<SavedIndex, "key">;

  constructor(name: string) {
    super(name);
    this.version(1).stores({ saved: "key" });
  }
}

export function searchDatabaseName(userId: string): string {
  return `openvibe-search:${userId}`;
}

export function dexieIndexStore(userId: string): IndexStore {
  const db = new SearchDatabase(searchDatabaseName(userId));
  return {
    load: () => db.saved.get("index"),
    save: async (saved) => {
      await db.saved.put(saved);
    },
    clear: () => db.saved.clear(),
    close: () => db.close(),
  };
}
