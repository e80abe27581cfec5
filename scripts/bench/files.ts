// Files benchmark: upload throughput through the real server's resumable upload API (chunks of
// 4 MiB over HTTP, each fsync'd, then the whole file hashed, sniffed and put in the blob store),
// and the thumbnail time for a 10 MB photo (sharp: decode, turn upright, fit in 480 px, WebP).
// Run it through scripts/bench/files (see --help).
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import sharp from "sharp";
import { createApiKey } from "../../sync-server/src/accounts/api-keys.ts";
import { loadConfig } from "../../sync-server/src/config/config.ts";
import { imageFacts } from "../../sync-server/src/files/thumbnails.ts";
import { createLogger } from "../../sync-server/src/logger.ts";
import { startServer } from "../../sync-server/src/server.ts";
import { setUpWorkspace } from "../../sync-server/src/workspace/workspace.ts";

const HELP = `Usage: scripts/bench/files [options]

Starts the server on a temporary data directory, uploads --size MB of random bytes --runs
times (4 MiB chunks, as the browser sends them) and reports the throughput; then makes a photo
of about 10 MB (random pixels, JPEG) and times its thumbnail, alone and as part of its upload.

Options:
  --size MB     size of the random file (default 50)
  --runs N      uploads of it (default 3)
  --json        print the results as JSON
  -h, --help    show this help

Progress goes to stderr, results to stdout.`;

const { values } = parseArgs({
  options: {
    size: { type: "string", default: "50" },
    runs: { type: "string", default: "3" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const log = (line: string) => process.stderr.write(`${line}\n`);
const CHUNK = 4 * 1024 * 1024;
const median = (list: number[]) =>
  [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;

const dataDir = mkdtempSync(join(tmpdir(), "openvibe-bench-files-"));
const config = loadConfig({
  PORT: "0",
  OPENVIBE_DATA_DIR: dataDir,
  OPENVIBE_LOG_LEVEL: "silent",
  OPENVIBE_BRIDGE_KEY_FILE: "off",
  OPENVIBE_CLIENT_DIR: join(dataDir, "no-client"),
});
const server = await startServer(config, createLogger("silent"));
try {
  const admin = await setUpWorkspace(server.ctx, {
    workspaceName: "Bench",
    email: "admin@example.com",
    displayName: "admin",
    password: "correct horse battery staple",
  });
  const { key } = createApiKey(server.ctx, admin, admin, "bench");
  const patched = await fetch(`${server.url}/api/workspace`, {
    method: "PATCH",
    headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
    body: JSON.stringify({ maxFileBytes: 4 * 1024 ** 3 }),
  });
  if (!patched.ok) throw new Error(`could not raise the file limit: ${patched.status}`);
  const channels = (await (
    await fetch(`${server.url}/api/channels`, { headers: { Authorization: `Bearer ${key}` } })
  ).json()) as { id: string }[];
  const channelId = channels[0]?.id;
  if (channelId === undefined) throw new Error("no channel to upload to");

  let uploads = 0;
  /** Uploads `bytes` in chunks; ms from the first request to the stored answer. */
  const upload = async (bytes: Buffer, name: string, type: string): Promise<number> => {
    const id = `bench${++uploads}`;
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const started = performance.now();
    const created = await fetch(`${server.url}/api/channels/${channelId}/uploads`, {
      method: "POST",
      headers: { Authorization: `Bearer ${key}`, "Content-Type": "application/json" },
      body: JSON.stringify({ attachmentId: id, name, type, size: bytes.length, sha256 }),
    });
    if (created.status !== 201) throw new Error(`start answered ${created.status}`);
    for (let offset = 0; offset < bytes.length; offset += CHUNK) {
      const answer = await fetch(`${server.url}/api/uploads/${id}`, {
        method: "PATCH",
        headers: {
          Authorization: `Bearer ${key}`,
          "Content-Type": "application/offset+octet-stream",
          "Upload-Offset": String(offset),
        },
        body: bytes.subarray(offset, offset + CHUNK),
      });
      if (answer.status !== 200)
        throw new Error(`chunk answered ${answer.status}: ${await answer.text()}`);
      await answer.arrayBuffer();
    }
    return performance.now() - started;
  };

  const megabytes = Number(values.size);
  const throughputs: number[] = [];
  for (let run = 1; run <= Number(values.runs); run++) {
    const bytes = randomBytes(megabytes * 1024 * 1024);
    const ms = await upload(bytes, "random.bin", "application/octet-stream");
    throughputs.push(megabytes / (ms / 1000));
    log(`upload ${run}: ${megabytes} MB in ${Math.round(ms)} ms`);
  }

  log("making a photo of about 10 MB");
  const width = 4000;
  const height = 3000;
  const photo = await sharp(randomBytes(width * height * 3), {
    raw: { width, height, channels: 3 },
  })
    .jpeg({ quality: 92 })
    .toBuffer();
  const photoPath = join(dataDir, "photo.jpg");
  writeFileSync(photoPath, photo);
  const thumbnailMs: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const facts = await imageFacts(photoPath, "image/jpeg");
    if (facts === undefined) throw new Error("no thumbnail made");
    thumbnailMs.push(performance.now() - started);
  }
  const photoUploadMs = await upload(photo, "photo.jpg", "image/jpeg");

  const results = {
    uploadMegabytes: megabytes,
    uploadMBPerSecond: Number(median(throughputs).toFixed(1)),
    photoMegabytes: Number((photo.length / 1024 / 1024).toFixed(1)),
    photoPixels: `${width}x${height}`,
    thumbnailMs: Math.round(median(thumbnailMs)),
    photoUploadMs: Math.round(photoUploadMs),
  };
  if (values.json) console.log(JSON.stringify(results, null, 2));
  else {
    console.log("| measure | value |\n| --- | --- |");
    console.log(
      `| upload throughput (${megabytes} MB, 4 MiB chunks, median of ${values.runs}) | ${results.uploadMBPerSecond} MB/s |`,
    );
    console.log(
      `| thumbnail of a ${results.photoMegabytes} MB ${results.photoPixels} JPEG (median of 3) | ${results.thumbnailMs} ms |`,
    );
    console.log(`| upload of that photo, thumbnail included | ${results.photoUploadMs} ms |`);
  }
} finally {
  await server.close();
  rmSync(dataDir, { recursive: true, force: true });
}
