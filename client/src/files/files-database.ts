// The browser's own store for files (IndexedDB through Dexie, a database of its own): the outbox
// of files attached but not yet on the server, and the cache of files and thumbnails already
// seen, so both survive reloads and work offline.
import type { Attachment } from "@openvibe/schema";
import { Dexie, type EntityTable } from "dexie";

/** A file attached in this browser whose bytes the server does not have yet. */
export interface OutboxEntry {
  attachmentId: string;
  userId: string;
  channelId: string;
  record: Attachment;
  blob: Blob;
  /** Why the server refused it (it then waits for the person: remove it or try again). */
  error: string | null;
  createdAt: number;
}

export type FileVariant = "original" | "thumbnail";

export interface CachedFile {
  /** `${attachmentId}/${variant}` */
  key: string;
  blob: Blob;
  size: number;
  usedAt: number;
}

export class FilesDatabase extends Dexie {
  outbox!: EntityTable<OutboxEntry, "attachmentId">;
  cache!: EntityTable<CachedFile, "key">;

  constructor(name = "openvibe-files") {
    super(name);
    this.version(1).stores({ outbox: "attachmentId, userId", cache: "key, usedAt" });
  }
}

export const filesDatabase = new FilesDatabase();
