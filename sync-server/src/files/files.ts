// The server's files, wired once: the blob store the configuration names, uploads, and garbage
// collection. Routes, housekeeping and the document projection share this one object.
import { join } from "node:path";
import type { FilesConfig } from "../config/config.ts";
import type { AppContext } from "../context.ts";
import type { BlobStore } from "./blob-store.ts";
import { openBlobStore } from "./open-blob-store.ts";
import { type CollectedFiles, collectOrphanedFiles } from "./orphaned-files.ts";
import { FileUploads } from "./uploads.ts";

export class Files {
  readonly store: BlobStore;
  readonly uploads: FileUploads;
  private readonly ctx: AppContext;
  private readonly orphanGraceMs: number;

  constructor(ctx: AppContext, dataDir: string, config: FilesConfig) {
    this.ctx = ctx;
    this.orphanGraceMs = config.orphanGraceMs;
    this.store = openBlobStore(dataDir, config.store).store;
    this.uploads = new FileUploads(ctx, this.store, join(dataDir, "uploads"));
  }

  /** Removes unfinished uploads, unused files and unused blobs older than the grace period. */
  collectGarbage(graceMs = this.orphanGraceMs): Promise<CollectedFiles> {
    return collectOrphanedFiles(this.ctx, this.store, (id) => this.uploads.partPath(id), graceMs);
  }
}
