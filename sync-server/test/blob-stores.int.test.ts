// The blob store contract against the file system and against a local S3-compatible server
// (s3rver, an npm dev dependency, on port 0 with a temporary directory).
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import { runBlobStoreContract } from "../src/files/blob-store-contract.ts";
import { FsBlobStore } from "../src/files/fs-blob-store.ts";
import { S3BlobStore } from "../src/files/s3-blob-store.ts";

runBlobStoreContract("file system", async () => {
  const dir = await mkdtemp(join(tmpdir(), "fs-blobs-"));
  return {
    store: new FsBlobStore(dir),
    cleanup: () => rm(dir, { recursive: true, force: true }),
  };
});

runBlobStoreContract("S3-compatible", async () => {
  const dir = await mkdtemp(join(tmpdir(), "s3rver-"));
  const server = new S3rver({ port: 0, address: "127.0.0.1", directory: dir, silent: true });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" };
  const admin = new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true, credentials });
  await admin.send(new CreateBucketCommand({ Bucket: "openvibe-files" }));
  admin.destroy();
  const store = new S3BlobStore({
    bucket: "openvibe-files",
    prefix: "blobs/",
    endpoint,
    region: "us-east-1",
    credentials,
  });
  return {
    store,
    cleanup: async () => {
      store.close();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
