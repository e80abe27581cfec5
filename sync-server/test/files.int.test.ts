// Files in conversations over the real server: chunked, resumable uploads; downloads allowed by
// channel access on every request and ended by a tombstone or a lost membership; every kind of
// bad upload refused with a clear 4xx and nothing kept; garbage collection of what no message
// names.

import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { deleteMessage, postMessage, threadDocumentName } from "@openvibe/schema";
import { PDFDocument, rgb } from "pdf-lib";
import S3rver from "s3rver";
import sharp from "sharp";
import { describe, expect, it, onTestFinished } from "vitest";
import { removeMember } from "../src/channels/channels.ts";
import { createLogger } from "../src/logger.ts";
import { startServer } from "../src/server.ts";
import { channelReplica } from "./support/channel-replica.ts";
import { connectPeer } from "./support/peers.ts";
import { indexed, search, snippets } from "./support/search-world.ts";
import { smallDisk } from "./support/small-disk.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer, testConfig } from "./support/test-server.ts";
import { attachmentFor, sendChunk, startUpload, uploadWhole } from "./support/uploads.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

/** A JPEG photo carrying EXIF location data, as a phone takes it. */
function photoWithLocation(): Promise<Buffer> {
  return sharp({ create: { width: 1200, height: 800, channels: 3, background: "#3a7" } })
    .jpeg()
    .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" } })
    .toBuffer();
}

async function setup(environment: Record<string, string> = {}) {
  const server = await startTestServer(environment);
  const seed = await seedWorkspace(server.current);
  const peer = connectPeer(server.current.websocketUrl, {
    token: await webSocketToken(seed.member.client),
  });
  const member = { kind: "human" as const, id: seed.member.user.id };
  // The thread's own document (the channel is split), where its messages and their files live.
  const { threadId, thread: photos } = await channelReplica(peer, seed.general.id).createThread(
    member,
    { title: "Photos", body: "Trip" },
  );
  return { server, seed, photos, member, threadId };
}

describe("files", () => {
  it("uploads in chunks, resumes, and serves the file to readers while its message lives", async () => {
    const { server, seed, photos, member, threadId } = await setup();
    const photo = await photoWithLocation();
    const record = attachmentFor("photo1", "beach.jpg", "image/jpeg", photo);
    const client = seed.member.client;

    expect((await startUpload(client, seed.general.id, record)).status).toBe(201);
    const half = Math.floor(photo.length / 2);
    expect((await sendChunk(client, record.id, 0, photo.subarray(0, half))).body.offset).toBe(half);
    // Resuming after a lost connection: the server says where it stands.
    const resumed = await client.raw("HEAD", `/api/uploads/${record.id}`);
    expect(resumed.headers.get("upload-offset")).toBe(String(half));
    expect((await sendChunk(client, record.id, 0, photo.subarray(0, half))).status).toBe(409);
    const stored = await sendChunk(client, record.id, half, photo.subarray(half));
    expect(stored.body).toMatchObject({
      status: "stored",
      width: 1200,
      height: 800,
      thumbnail: true,
    });

    // Uploaded but not posted: nobody can fetch it by id.
    expect((await seed.admin.client.raw("GET", `/api/files/${record.id}`)).status).toBe(404);
    const messageId = postMessage(photos.doc, member, {
      threadId,
      body: "",
      attachments: [{ ...record, width: 1200, height: 800 }],
    });
    await photos.acknowledged();

    const download = await fetch(`${server.current.url}/api/files/${record.id}`, {
      headers: { Authorization: `Bearer ${seed.agent.apiKey}` },
    });
    expect(download.status).toBe(200);
    // The photo as taken, without its location (nor any other metadata), not re-encoded.
    const served = Buffer.from(await download.arrayBuffer());
    expect(photo.includes(Buffer.from("Exif"))).toBe(true);
    expect(served.includes(Buffer.from("Exif"))).toBe(false);
    expect(served.subarray(-1000).equals(photo.subarray(-1000))).toBe(true);
    expect(await sharp(served).metadata()).toMatchObject({ width: 1200, height: 800 });
    expect(download.headers.get("content-disposition")).toMatch(/^inline; filename="beach.jpg"/);
    const thumbnail = await fetch(`${server.current.url}/api/files/${record.id}/thumbnail`, {
      headers: { Authorization: `Bearer ${seed.agent.apiKey}` },
    });
    const small = await sharp(Buffer.from(await thumbnail.arrayBuffer())).metadata();
    expect(small).toMatchObject({ format: "webp", width: 480, height: 320 });
    expect(small.exif).toBeUndefined();

    // Another person in the workspace who is not in the channel: the same 404 as no file.
    expect((await seed.outsider.client.raw("GET", `/api/files/${record.id}`)).status).toBe(404);
    // Losing the channel loses its files at once.
    removeMember(server.current.ctx, seed.admin.user, seed.general.id, seed.agent.user.id);
    expect((await seed.agent.client.raw("GET", `/api/files/${record.id}`)).status).toBe(404);
    expect((await seed.admin.client.raw("GET", `/api/files/${record.id}`)).status).toBe(200);
    // Deleting the message ends every download.
    deleteMessage(photos.doc, member, { messageId });
    await photos.acknowledged();
    expect((await seed.admin.client.raw("GET", `/api/files/${record.id}`)).status).toBe(404);

    // After the grace period the file and its blobs are collected.
    const blobPath = join(server.dataDir, "blobs", record.sha256.slice(0, 2), record.sha256);
    expect(existsSync(blobPath)).toBe(true);
    expect(await server.current.files.collectGarbage(0)).toMatchObject({ files: 1, blobs: 2 });
    expect(existsSync(blobPath)).toBe(false);
  });

  it("serves PNG, WebP and AVIF originals without their EXIF location, not re-encoded", async () => {
    const { server, seed, photos, member, threadId } = await setup();
    const files = [];
    for (const format of ["png", "webp", "avif"] as const) {
      const bytes = await sharp({
        create: { width: 300, height: 200, channels: 3, background: "#3a7" },
      })
        [format]()
        .withExif({ IFD3: { GPSLatitudeRef: "N", GPSLatitude: "51/1 30/1 0/1" } })
        .toBuffer();
      const record = attachmentFor(`shot-${format}`, `map.${format}`, `image/${format}`, bytes);
      await uploadWhole(seed.member.client, seed.general.id, record, bytes);
      files.push({ format, bytes, record });
    }
    postMessage(photos.doc, member, {
      threadId,
      body: "",
      attachments: files.map(({ record }) => ({ ...record, width: 300, height: 200 })),
    });
    await photos.acknowledged();
    for (const { format, bytes, record } of files) {
      expect((await sharp(bytes).metadata()).exif).toBeDefined();
      const download = await fetch(`${server.current.url}/api/files/${record.id}`, {
        headers: { Authorization: `Bearer ${seed.agent.apiKey}` },
      });
      const served = Buffer.from(await download.arrayBuffer());
      expect(download.headers.get("content-length")).toBe(String(served.length));
      const metadata = await sharp(served).metadata();
      const decoded = format === "avif" ? "heif" : format;
      expect(metadata).toMatchObject({ format: decoded, width: 300, height: 200 });
      expect(metadata.exif).toBeUndefined();
      // PNG and WebP lose their metadata chunks; an AVIF's metadata is blanked where it lies.
      if (format === "avif") expect(served.length).toBe(bytes.length);
      else expect(served.length).toBeLessThan(bytes.length);
    }
  });

  it("shows a PDF's first page as a thumbnail, and stores a malformed PDF without one", async () => {
    const { server, seed, photos, member, threadId } = await setup();
    const client = seed.member.client;
    const pdf = await PDFDocument.create();
    pdf
      .addPage([600, 800])
      .drawRectangle({ x: 0, y: 0, width: 600, height: 400, color: rgb(0, 0, 1) });
    const plan = Buffer.from(await pdf.save());
    const good = attachmentFor("pdf1", "plan.pdf", "application/pdf", plan);
    expect((await uploadWhole(client, seed.general.id, good, plan)).body).toMatchObject({
      status: "stored",
      thumbnail: true,
    });
    // Truncated after the header: pdf.js cannot draw it, the upload is still kept.
    const broken = Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >>\nendobj\n");
    const bad = attachmentFor("pdf2", "broken.pdf", "application/pdf", broken);
    expect((await uploadWhole(client, seed.general.id, bad, broken)).body).toMatchObject({
      status: "stored",
      thumbnail: false,
    });
    postMessage(photos.doc, member, { threadId, body: "", attachments: [good, bad] });
    await photos.acknowledged();

    const thumbnail = await fetch(`${server.current.url}/api/files/${good.id}/thumbnail`, {
      headers: { Authorization: `Bearer ${seed.agent.apiKey}` },
    });
    expect(thumbnail.status).toBe(200);
    const image = sharp(Buffer.from(await thumbnail.arrayBuffer()));
    expect(await image.metadata()).toMatchObject({ format: "webp", width: 360, height: 480 });
    // The page as drawn: white paper above, the blue lower half below.
    const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
    const pixel = (y: number) => [
      ...data.subarray(y * info.width * info.channels, y * info.width * info.channels + 3),
    ];
    expect(pixel(100)).toEqual([255, 255, 255]);
    const [red, , blue] = pixel(400);
    expect(blue).toBeGreaterThan(200);
    expect(red).toBeLessThan(50);
    expect((await client.raw("GET", `/api/files/${bad.id}/thumbnail`)).status).toBe(404);
    expect((await client.raw("GET", `/api/files/${bad.id}`)).status).toBe(200);
  });

  it("refuses every bad upload with a clear 4xx and keeps nothing of it", async () => {
    const { server, seed, threadId } = await setup();
    const client = seed.member.client;
    const channel = seed.general.id;
    const codeOf = (answer: { body: unknown }) =>
      (answer.body as { error?: { code: string } }).error?.code;

    const empty = await startUpload(client, channel, {
      ...attachmentFor("empty1", "empty.txt", "text/plain", new Uint8Array([1])),
      size: 0,
    });
    expect([empty.status, codeOf(empty)]).toEqual([400, "file_empty"]);

    const lying = attachmentFor("lying1", "cat.png", "image/png", Buffer.from("MZ not a png"));
    const lied = await uploadWhole(client, channel, lying, Buffer.from("MZ not a png"));
    expect([lied.status, codeOf(lied)]).toEqual([415, "file_type_mismatch"]);
    expect((await client.raw("HEAD", "/api/uploads/lying1")).status).toBe(404);

    const text = Buffer.from("hello world\n");
    const wrongHash = {
      ...attachmentFor("hash1", "a.txt", "text/plain", text),
      sha256: "0".repeat(64),
    };
    const mismatched = await uploadWhole(client, channel, wrongHash, text);
    expect([mismatched.status, codeOf(mismatched)]).toEqual([422, "file_hash_mismatch"]);

    const guestUpload = await startUpload(
      seed.guest.client,
      seed.secret.id,
      attachmentFor("g1", "a.txt", "text/plain", text),
    );
    expect([guestUpload.status, codeOf(guestUpload)]).toEqual([403, "forbidden"]);
    const outsiderUpload = await startUpload(
      seed.outsider.client,
      seed.secret.id,
      attachmentFor("o1", "a.txt", "text/plain", text),
    );
    expect(outsiderUpload.status).toBe(404);

    // The limit is a workspace setting, checked from the declared size before any byte is sent.
    expect((await seed.admin.client.patch("/api/workspace", { maxFileBytes: 1000 })).status).toBe(
      200,
    );
    const big = await startUpload(client, channel, {
      ...attachmentFor("big1", "big.bin", "application/octet-stream", text),
      size: 1001,
    });
    expect([big.status, codeOf(big)]).toEqual([413, "file_too_large"]);

    // A chunk cut off mid-body (the connection drops): nothing of it is kept.
    const body = Buffer.alloc(600, 7);
    const cut = attachmentFor("cut1", "cut.bin", "application/octet-stream", body);
    expect((await startUpload(seed.agent.client, channel, cut)).status).toBe(201);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(server.current.port, "127.0.0.1", () => {
        socket.write(
          `PATCH /api/uploads/cut1 HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${seed.agent.apiKey}\r\nContent-Type: application/offset+octet-stream\r\nUpload-Offset: 0\r\nContent-Length: 600\r\n\r\n`,
        );
        socket.end(body.subarray(0, 250));
      });
      let received = "";
      socket.on("data", (data) => {
        received += data.toString();
      });
      socket.on("close", () => resolve(received));
      socket.on("error", reject);
    });
    // Node's parser sees the body end early; the server answers with its JSON 400 and the
    // route keeps nothing of the chunk.
    expect(answer).toMatch(/^HTTP\/1.1 400[\s\S]*\r\n\r\n\{"error":\{"code":"/);
    const after = await seed.agent.client.get<{ offset: number }>("/api/uploads/cut1");
    expect(after.body.offset).toBe(0);

    // Markup is stored, but only ever served as a download, never rendered.
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
    );
    const drawing = attachmentFor("svg1", "x.svg", "image/svg+xml", svg);
    expect((await uploadWhole(client, channel, drawing, svg)).status).toBe(200);
    const { photos, member } = await (async () => {
      const peer = connectPeer(server.current.websocketUrl, {
        token: await webSocketToken(client),
      });
      return {
        photos: await peer.openDocument(threadDocumentName(channel, threadId)),
        member: { kind: "human" as const, id: seed.member.user.id },
      };
    })();
    postMessage(photos.doc, member, { threadId, body: "drawing", attachments: [drawing] });
    await photos.acknowledged();
    const served = await seed.admin.client.raw("GET", "/api/files/svg1");
    expect(served.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(served.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await seed.admin.client.raw("GET", "/api/files/svg1/thumbnail")).status).toBe(404);
  });

  it("collects unfinished uploads and files never posted, and keeps what a message names", async () => {
    const { server, seed, photos, member, threadId } = await setup();
    const client = seed.member.client;
    const kept = Buffer.from("kept notes\n");
    const never = Buffer.from("never posted\n");
    const keptRecord = attachmentFor("kept1", "kept.txt", "text/plain", kept);
    await uploadWhole(client, seed.general.id, keptRecord, kept);
    await uploadWhole(
      client,
      seed.general.id,
      attachmentFor("never1", "n.txt", "text/plain", never),
      never,
    );
    await startUpload(
      client,
      seed.general.id,
      attachmentFor("half1", "h.txt", "text/plain", never),
    );
    postMessage(photos.doc, member, { threadId, body: "notes", attachments: [keptRecord] });
    await photos.acknowledged();

    // Posted offline before its upload began: readers are told it is on its way.
    const later = attachmentFor("later1", "later.txt", "text/plain", kept);
    postMessage(photos.doc, member, { threadId, body: "soon", attachments: [later] });
    await photos.acknowledged();
    const waiting = await seed.admin.client.get<{ error: { code: string } }>("/api/files/later1");
    expect([waiting.status, waiting.body.error.code]).toEqual([409, "file_pending"]);
    expect((await seed.outsider.client.raw("GET", "/api/files/later1")).status).toBe(404);

    // Within the grace period nothing goes.
    expect(await server.current.files.collectGarbage()).toEqual({ uploads: 0, files: 0, blobs: 0 });
    expect(await server.current.files.collectGarbage(0)).toEqual({
      uploads: 1,
      files: 1,
      blobs: 1,
    });
    expect(existsSync(join(server.dataDir, "uploads", "half1.part"))).toBe(false);
    const download = await seed.admin.client.raw("GET", "/api/files/kept1");
    expect([download.status, download.text]).toEqual([200, "kept notes\n"]);
    // Exports name the files by hash (the bytes stay in the blob store).
    const exported = await seed.admin.client.get<{
      channels: { content: { messages: { body: string; attachments?: unknown[] }[] } }[];
    }>("/api/export");
    const messages = exported.body.channels.flatMap((channel) => channel.content.messages);
    expect(messages.find((m) => m.body === "notes")?.attachments).toEqual([keptRecord]);
  });

  it("finds messages by has:file, has:image and their files' names", async () => {
    const { server, seed, photos, member, threadId } = await setup();
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    const image = attachmentFor("img1", "lighthouse.png", "image/png", png);
    const notes = attachmentFor("doc1", "itinerary.txt", "text/plain", Buffer.from("day 1\n"));
    postMessage(photos.doc, member, { threadId, body: "", attachments: [image] });
    postMessage(photos.doc, member, { threadId, body: "the plan", attachments: [notes] });
    await indexed(server.current, photos);
    const bodies = async (q: string) => snippets(await search(seed.admin.client, q)).sort();

    expect(await bodies("has:image")).toEqual(["lighthouse.png"]);
    expect(await bodies("has:file")).toEqual(["lighthouse.png", "the plan\nitinerary.txt"]);
    expect(await bodies("itinerary")).toEqual(["the plan\n[itinerary].txt"]);
    expect(await bodies("sunscreen")).toEqual([]);
  });

  it("fails an upload loudly on a full disk, keeping only whole chunks, and stays up", async () => {
    const dataDir = smallDisk(24);
    const config = testConfig(dataDir);
    const running = await startServer(config, createLogger(config.logLevel));
    onTestFinished(() => running.close());
    const seed = await seedWorkspace(running);
    expect(
      (await seed.admin.client.patch("/api/workspace", { maxFileBytes: 64 << 20 })).status,
    ).toBe(200);
    const bytes = randomBytes(40 << 20);
    const big = attachmentFor("big1", "big.bin", "application/octet-stream", bytes);
    const answer = await uploadWhole(seed.member.client, seed.general.id, big, bytes, 10);
    expect([answer.status, answer.body.error?.code]).toEqual([507, "insufficient_storage"]);
    const state = await seed.member.client.get<{ offset: number; status: string }>(
      "/api/uploads/big1",
    );
    expect(state.body.status).toBe("uploading");
    expect(state.body.offset % (4 << 20)).toBe(0);
    expect((await fetch(`${running.url}/health`)).status).toBe(200);
  });

  it("keeps files in an S3-compatible bucket when told to", async () => {
    const bucketDir = mkdtempSync(join(tmpdir(), "s3rver-files-"));
    const s3 = new S3rver({ port: 0, address: "127.0.0.1", directory: bucketDir, silent: true });
    const { port } = await s3.run();
    onTestFinished(async () => {
      await s3.close();
      rmSync(bucketDir, { recursive: true, force: true });
    });
    const endpoint = `http://127.0.0.1:${port}`;
    // The SDK's usual credentials, as an operator sets them.
    process.env.AWS_ACCESS_KEY_ID = "S3RVER";
    process.env.AWS_SECRET_ACCESS_KEY = "S3RVER";
    const admin = new S3Client({ region: "us-east-1", endpoint, forcePathStyle: true });
    await admin.send(new CreateBucketCommand({ Bucket: "team-files" }));
    admin.destroy();
    const { server, seed, photos, member, threadId } = await setup({
      OPENVIBE_FILE_STORE: "s3",
      OPENVIBE_S3_BUCKET: "team-files",
      OPENVIBE_S3_ENDPOINT: endpoint,
      OPENVIBE_S3_PREFIX: "blobs/",
    });
    const text = Buffer.from("stored in the bucket\n");
    const record = attachmentFor("s3file1", "bucket.txt", "text/plain", text);
    expect((await uploadWhole(seed.member.client, seed.general.id, record, text)).status).toBe(200);
    expect(existsSync(join(server.dataDir, "blobs"))).toBe(false);
    postMessage(photos.doc, member, { threadId, body: "", attachments: [record] });
    await photos.acknowledged();
    const download = await seed.admin.client.raw("GET", "/api/files/s3file1");
    expect([download.status, download.text]).toEqual([200, "stored in the bucket\n"]);
  });
});
