// `ovb export --files DIR`: the bytes of every file the export's messages name, copied from the
// blob store into DIR as `DIR/<sha256>` (each once), streamed: a file is never held in memory. A
// blob the store does not have (a file never uploaded, or collected) is listed, not fatal.
import { randomBytes } from "node:crypto";
import { createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { pipeline } from "node:stream/promises";
import type { ExportFile } from "@openvibe/schema";
import type { BlobStore } from "../files/blob-store.ts";
import { exportedAttachments, filePathIn } from "./files-directory.ts";

export interface MissingFile {
  sha256: string;
  /** A name a message gives it. */
  name: string;
}

export interface CopiedFiles {
  files: number;
  bytes: number;
  missing: MissingFile[];
}

export interface CopyProgress {
  /** Files looked up so far (copied or missing). */
  done: number;
  of: number;
  /** Bytes copied so far. */
  bytes: number;
}

export async function copyExportedFiles(
  store: BlobStore,
  file: ExportFile,
  dir: string,
  onProgress?: (progress: CopyProgress) => void,
): Promise<CopiedFiles> {
  const names = new Map<string, string>();
  for (const { record } of exportedAttachments(file)) {
    if (!names.has(record.sha256)) names.set(record.sha256, record.name);
  }
  await mkdir(dir, { recursive: true });
  const copied: CopiedFiles = { files: 0, bytes: 0, missing: [] };
  let done = 0;
  for (const [sha256, name] of names) {
    done += 1;
    const blob = await store.get(sha256);
    if (blob === undefined) {
      copied.missing.push({ sha256, name });
      onProgress?.({ done, of: names.size, bytes: copied.bytes });
      continue;
    }
    const target = filePathIn(dir, sha256);
    const temporary = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await pipeline(blob.body, createWriteStream(temporary, { flags: "wx" }));
      await rename(temporary, target);
    } finally {
      await rm(temporary, { force: true });
    }
    copied.files += 1;
    copied.bytes += blob.size;
    onProgress?.({ done, of: names.size, bytes: copied.bytes });
  }
  return copied;
}
