// Blobs in an S3-compatible object store (AWS S3, MinIO, Ceph, Garage...), through the official
// AWS SDK v3, for teams that keep files off the server's disk. Objects are named
// `<prefix><sha256>`. The hash is checked on the local file before anything is sent, so a wrong
// one stores nothing; S3's own put is atomic, so a failed upload leaves no object.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from "@aws-sdk/client-s3";
import {
  assertBlobKey,
  BlobHashMismatchError,
  type BlobStore,
  type StoredBlob,
} from "./blob-store.ts";
import { sha256OfFile } from "./file-hash.ts";

export interface S3BlobStoreOptions {
  bucket: string;
  /** Key prefix, e.g. "openvibe/" (default none). */
  prefix?: string;
  /** An S3-compatible server's URL; absent: AWS's for the region. */
  endpoint?: string;
  region: string;
  /** Path-style URLs (most self-hosted servers need them). */
  forcePathStyle?: boolean;
  /** Absent: the SDK's default chain (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, ...). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof S3ServiceException &&
    (error.name === "NoSuchKey" ||
      error.name === "NotFound" ||
      error.$metadata.httpStatusCode === 404)
  );
}

export class S3BlobStore implements BlobStore {
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly prefix: string;

  constructor(options: S3BlobStoreOptions) {
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint === undefined ? {} : { endpoint: options.endpoint }),
      forcePathStyle: options.forcePathStyle ?? options.endpoint !== undefined,
      ...(options.credentials === undefined ? {} : { credentials: options.credentials }),
      // Checksums only where the API requires them: the SDK's default streaming checksums
      // (aws-chunked bodies with trailers) are not understood by every S3-compatible server.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
    this.bucket = options.bucket;
    this.prefix = options.prefix ?? "";
  }

  private keyOf(sha256: string): string {
    assertBlobKey(sha256);
    return `${this.prefix}${sha256}`;
  }

  async put(sha256: string, path: string): Promise<void> {
    const key = this.keyOf(sha256);
    const actual = await sha256OfFile(path);
    if (actual !== sha256) throw new BlobHashMismatchError(sha256, actual);
    if (await this.has(sha256)) return;
    const { size } = await stat(path);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: key,
        Body: createReadStream(path),
        ContentLength: size,
        ContentType: "application/octet-stream",
      }),
    );
  }

  async get(sha256: string): Promise<StoredBlob | undefined> {
    try {
      const object = await this.client.send(
        new GetObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }),
      );
      if (object.Body === undefined) return undefined;
      return {
        size: object.ContentLength ?? 0,
        body: object.Body.transformToWebStream() as ReadableStream<Uint8Array>,
      };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async has(sha256: string): Promise<boolean> {
    try {
      await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }),
      );
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async delete(sha256: string): Promise<void> {
    await this.client.send(
      new DeleteObjectCommand({ Bucket: this.bucket, Key: this.keyOf(sha256) }),
    );
  }

  close(): void {
    this.client.destroy();
  }
}
