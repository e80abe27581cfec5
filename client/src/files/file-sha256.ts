// A file's SHA-256. WebCrypto's digest is fast but takes the whole file as one buffer, so
// attaching a file of gigabytes (a workspace may allow up to 4 GiB) held all of it in the page's
// memory, or failed. Files up to WHOLE_HASH_BYTES still go to WebCrypto in one piece; larger ones
// are read a slice at a time and hashed incrementally by @noble/hashes (audited, no
// dependencies; slower than WebCrypto, but memory stays one slice), one slice per turn of the
// page's event loop, so the page keeps answering meanwhile.
import { sha256 } from "@noble/hashes/sha2.js";
import { bytesToHex } from "@noble/hashes/utils.js";

/** Files up to this size are hashed in one piece. */
export const WHOLE_HASH_BYTES = 64 * 1024 * 1024;
/** Bytes read and hashed per step above it. */
export const HASH_SLICE_BYTES = 1024 * 1024;

export async function fileSha256(blob: Blob, wholeHashBytes = WHOLE_HASH_BYTES): Promise<string> {
  if (blob.size <= wholeHashBytes) {
    const digest = await crypto.subtle.digest("SHA-256", await blob.arrayBuffer());
    return bytesToHex(new Uint8Array(digest));
  }
  const hash = sha256.create();
  for (let offset = 0; offset < blob.size; offset += HASH_SLICE_BYTES) {
    const slice = blob.slice(offset, offset + HASH_SLICE_BYTES);
    hash.update(new Uint8Array(await slice.arrayBuffer()));
  }
  return bytesToHex(hash.digest());
}
