// The blob store the configuration names (the data directory's `blobs/`, or an S3 bucket), made
// in one place: the server's files and the commands that carry files in and out (`ovb export
// --files`, `ovb import --files`) open the same one.
import { join } from "node:path";
import type { FileStoreConfig } from "../config/config.ts";
import type { BlobStore } from "./blob-store.ts";
import { FsBlobStore } from "./fs-blob-store.ts";
import { S3BlobStore } from "./s3-blob-store.ts";

/** A blob store and what releases its connections (an S3 client's) when a command is done. */
export interface OpenedBlobStore {
  store: BlobStore;
  /** Whether its bytes take the data directory's disk (the `fs` store), not a bucket's. */
  onDataDisk: boolean;
  close(): void;
}

export function openBlobStore(dataDir: string, config: FileStoreConfig): OpenedBlobStore {
  if (config.kind === "fs")
    return { store: new FsBlobStore(join(dataDir, "blobs")), onDataDisk: true, close() {} };
  const store = new S3BlobStore({
    bucket: config.bucket,
    region: config.region,
    prefix: config.prefix,
    ...(config.endpoint === undefined ? {} : { endpoint: config.endpoint }),
  });
  return { store, onDataDisk: false, close: () => store.close() };
}
