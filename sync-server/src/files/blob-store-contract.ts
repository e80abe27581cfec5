// The contract suite every BlobStore runs: one set of expectations, several implementations
// (the file system, an S3-compatible server).
import { createHash, randomBytes } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlobHashMismatchError, type BlobStore } from "./blob-store.ts";

export interface BlobStoreHarness {
  store: BlobStore;
  cleanup: () => Promise<void>;
}

const sha256 = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

async function readAll(body: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

export function runBlobStoreContract(name: string, setup: () => Promise<BlobStoreHarness>): void {
  describe(`${name} blob store contract`, () => {
    let harness: BlobStoreHarness;
    let scratch: string;
    const file = async (bytes: Uint8Array): Promise<string> => {
      const path = join(scratch, randomBytes(6).toString("hex"));
      await writeFile(path, bytes);
      return path;
    };

    beforeAll(async () => {
      harness = await setup();
      scratch = await mkdtemp(join(tmpdir(), "blob-contract-"));
    });
    afterAll(async () => {
      await harness?.cleanup();
      await rm(scratch, { recursive: true, force: true });
    });

    it("gives back exactly the bytes stored, binary and multi-megabyte alike", async () => {
      for (const bytes of [
        new Uint8Array([0]),
        new Uint8Array([0xff, 0x00, 0x0d, 0x0a, 0x1a]),
        randomBytes(3 * 1024 * 1024 + 7),
      ]) {
        const key = sha256(bytes);
        await harness.store.put(key, await file(bytes));
        const stored = await harness.store.get(key);
        expect(stored?.size).toBe(bytes.length);
        expect(sha256(await readAll(stored?.body ?? new ReadableStream()))).toBe(key);
      }
    });

    it("reports an absent blob as absent, not as an error", async () => {
      const key = sha256(randomBytes(16));
      expect(await harness.store.get(key)).toBeUndefined();
      expect(await harness.store.has(key)).toBe(false);
      await harness.store.delete(key);
    });

    it("refuses bytes that do not hash to the key and stores nothing", async () => {
      const bytes = randomBytes(1000);
      const key = sha256(randomBytes(1000));
      await expect(harness.store.put(key, await file(bytes))).rejects.toBeInstanceOf(
        BlobHashMismatchError,
      );
      expect(await harness.store.has(key)).toBe(false);
      expect(await harness.store.has(sha256(bytes))).toBe(false);
    });

    it("stores the same content twice as one blob, and deletes it once", async () => {
      const bytes = randomBytes(2048);
      const key = sha256(bytes);
      await harness.store.put(key, await file(bytes));
      await harness.store.put(key, await file(bytes));
      expect(await harness.store.has(key)).toBe(true);
      await harness.store.delete(key);
      expect(await harness.store.has(key)).toBe(false);
      expect(await harness.store.get(key)).toBeUndefined();
      await harness.store.delete(key);
    });

    it("refuses keys that are not hashes (paths, upper case, short) before touching storage", async () => {
      const path = await file(new Uint8Array([1]));
      for (const key of ["../../etc/passwd", "A".repeat(64), "abc", `${"a".repeat(63)}/`]) {
        await expect(harness.store.put(key, path)).rejects.toThrow(/not a SHA-256/);
        await expect(harness.store.get(key)).rejects.toThrow(/not a SHA-256/);
      }
    });
  });
}
