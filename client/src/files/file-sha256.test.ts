import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fileSha256, HASH_SLICE_BYTES } from "./file-sha256.ts";

const expected = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

function patterned(size: number, seed: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size);
  for (let i = 0; i < size; i++) bytes[i] = (i * 31 + seed) & 255;
  return bytes;
}

describe("fileSha256", () => {
  it("gives the file's SHA-256 hashed whole or slice by slice, at every size around a slice's edge", async () => {
    const sizes = fc.oneof(
      fc.integer({ min: 0, max: 64 }),
      fc.integer({ min: -2, max: 2 }).map((d) => HASH_SLICE_BYTES + d),
      fc.integer({ min: -2, max: 2 }).map((d) => 2 * HASH_SLICE_BYTES + d),
    );
    const whole = fc.constantFrom(0, 64, HASH_SLICE_BYTES, 4 * HASH_SLICE_BYTES);
    await fc.assert(
      fc.asyncProperty(sizes, whole, fc.nat(255), async (size, wholeHashBytes, seed) => {
        const bytes = patterned(size, seed);
        expect(await fileSha256(new Blob([bytes]), wholeHashBytes)).toBe(expected(bytes));
      }),
      { numRuns: 30 },
    );
  });
});
