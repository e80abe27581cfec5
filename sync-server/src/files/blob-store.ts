// Where file contents live: blobs addressed by their SHA-256 (lower-case hex). Four methods, as
// small as the document store's; every implementation runs blob-store-contract.ts. "Not found"
// is a state (undefined, false), not an exception; a full disk or an unreachable store is.

export interface StoredBlob {
  readonly size: number;
  /** The bytes; read once. */
  readonly body: ReadableStream<Uint8Array>;
}

export interface BlobStore {
  /**
   * Takes in the file at `path` (a local file the caller owns and leaves in place) as the blob
   * `sha256`. Rejects with BlobHashMismatchError, storing nothing, when the file does not hash
   * to `sha256`. Storing a blob already there is a no-op.
   */
  put(sha256: string, path: string): Promise<void>;
  get(sha256: string): Promise<StoredBlob | undefined>;
  has(sha256: string): Promise<boolean>;
  /** Removes the blob; removing an absent one is a no-op. */
  delete(sha256: string): Promise<void>;
}

export class BlobHashMismatchError extends Error {
  constructor(expected: string, actual: string) {
    super(`the content hashes to ${actual}, not ${expected}`);
    this.name = "BlobHashMismatchError";
  }
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Keys are hashes, never paths: anything else is a caller's bug, refused before any I/O. */
export function assertBlobKey(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new TypeError(`not a SHA-256 blob key: ${sha256}`);
}
