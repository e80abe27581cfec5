// Blobs as files under a directory (by default the data directory's `blobs/`), fanned out by
// the hash's first two characters. A put copies to a temporary name while hashing, fsyncs, and
// renames into place: a crash or a wrong hash leaves no blob, only a temporary file that the
// next put of that blob replaces.
import { createHash, randomBytes } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, open, rename, rm, stat } from "node:fs/promises";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import {
  assertBlobKey,
  BlobHashMismatchError,
  type BlobStore,
  type StoredBlob,
} from "./blob-store.ts";

export class FsBlobStore implements BlobStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  private pathOf(sha256: string): string {
    assertBlobKey(sha256);
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(sha256: string, path: string): Promise<void> {
    const target = this.pathOf(sha256);
    if (await this.has(sha256)) return;
    await mkdir(join(this.root, sha256.slice(0, 2)), { recursive: true });
    const temporary = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    const hash = createHash("sha256");
    try {
      await pipeline(
        createReadStream(path),
        async function* (source: AsyncIterable<Buffer>) {
          for await (const chunk of source) {
            hash.update(chunk);
            yield chunk;
          }
        },
        createWriteStream(temporary, { flags: "wx" }),
      );
      const actual = hash.digest("hex");
      if (actual !== sha256) throw new BlobHashMismatchError(sha256, actual);
      const handle = await open(temporary, "r");
      try {
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temporary, target);
    } finally {
      await rm(temporary, { force: true });
    }
  }

  async get(sha256: string): Promise<StoredBlob | undefined> {
    const path = this.pathOf(sha256);
    const size = await sizeOf(path);
    if (size === undefined) return undefined;
    const body = Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>;
    return { size, body };
  }

  async has(sha256: string): Promise<boolean> {
    return (await sizeOf(this.pathOf(sha256))) !== undefined;
  }

  async delete(sha256: string): Promise<void> {
    await rm(this.pathOf(sha256), { force: true });
  }
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
}
