// What a WebSocket may cost before it authenticates: sockets per address and in
// total, bytes and time until a document is authenticated; and after, how many
// documents one person may hold open. The flood test runs the real server as a
// child process and reads its memory from /proc.
import { mkdtempSync, rmSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Actor,
  CONNECTION_DENIALS,
  postMessage,
  readThreadDigests,
  threadDocumentName,
} from "@openvibe/schema";
import { describe, expect, it, onTestFinished } from "vitest";
import { createChannel } from "../src/channels/channels.ts";
import { channelReplica } from "./support/channel-replica.ts";
import { spawnServer } from "./support/child-server.ts";
import { withDeadline } from "./support/deadline.ts";
import { connectPeer } from "./support/peers.ts";
import { memoryOf } from "./support/process-memory.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

const MiB = 1024 * 1024;

/** A raw socket (Node's WebSocket), resolved when open; `closed` when it ends either way. */
function rawSocket(url: string): {
  socket: WebSocket;
  opened: Promise<boolean>;
  closed: Promise<void>;
} {
  const socket = new WebSocket(url);
  socket.binaryType = "arraybuffer";
  const opened = new Promise<boolean>((resolve) => {
    socket.addEventListener("open", () => resolve(true));
    socket.addEventListener("close", () => resolve(false));
  });
  const closed = new Promise<void>((resolve) => socket.addEventListener("close", () => resolve()));
  onTestFinished(() => socket.close());
  return { socket, opened, closed };
}

/** The status of a WebSocket upgrade request: 101 when admitted, else the refusal's. */
function upgradeStatus(
  baseUrl: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: string; close: () => void }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${baseUrl}/`, {
      headers: {
        Connection: "Upgrade",
        Upgrade: "websocket",
        "Sec-WebSocket-Key": Buffer.from("0123456789abcdef").toString("base64"),
        "Sec-WebSocket-Version": "13",
        ...headers,
      },
    });
    req.on("upgrade", (response, socket) => {
      onTestFinished(() => {
        socket.destroy();
      });
      resolve({ status: response.statusCode ?? 0, body: "", close: () => socket.destroy() });
    });
    req.on("response", (response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => {
        body += chunk.toString();
      });
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body, close: () => undefined }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

describe("socket admission", () => {
  it("keeps memory bounded under a flood of unauthenticated sockets sending large frames", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "openvibe-flood-"));
    onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
    // The defaults: what an operator gets without setting anything.
    const server = await spawnServer({
      OPENVIBE_DATA_DIR: dataDir,
      OPENVIBE_BRIDGE_KEY_FILE: "off",
      OPENVIBE_CLIENT_DIR: join(dataDir, "no-client"),
    });
    const pid = server.process.pid as number;
    const httpUrl = server.websocketUrl.replace("ws:", "http:");
    expect((await fetch(`${httpUrl}/health`)).status).toBe(200);
    const before = memoryOf(pid);

    // Measured before the limits: two waves of 40 such sockets took the server from 195 to
    // 681 MiB, and none was closed.
    const frame = new Uint8Array(4.9 * MiB);
    frame.set([8, ...new TextEncoder().encode("channel:x"), 0, 2]);
    for (let wave = 0; wave < 2; wave++) {
      const sockets = Array.from({ length: 40 }, () => rawSocket(server.websocketUrl));
      await Promise.all(
        sockets.map(async ({ socket, opened }) => {
          if (await opened) socket.send(frame);
        }),
      );
      await withDeadline(
        Promise.all(sockets.map(({ closed }) => closed)),
        `the server to close wave ${wave + 1}'s 40 unauthenticated sockets`,
        30_000,
      );
    }

    const after = memoryOf(pid);
    expect((await fetch(`${httpUrl}/health`)).status).toBe(200);
    // 64 MiB of unauthenticated bytes at most, plus buffers and garbage not yet collected.
    expect(after.peak - before.rss).toBeLessThan(200 * MiB);
  }, 90_000);

  it("caps sockets per client address, reading X-Forwarded-For only from a trusted proxy", async () => {
    const test = await startTestServer({
      OPENVIBE_MAX_SOCKETS_PER_ADDRESS: "2",
      OPENVIBE_TRUSTED_PROXIES: "127.0.0.1",
    });
    const url = test.current.url;
    const first = await upgradeStatus(url, { "X-Forwarded-For": "203.0.113.1" });
    const second = await upgradeStatus(url, { "X-Forwarded-For": "198.51.100.9, 203.0.113.1" });
    expect([first.status, second.status]).toEqual([101, 101]);
    const third = await upgradeStatus(url, { "X-Forwarded-For": "203.0.113.1" });
    expect(third.status).toBe(429);
    expect(JSON.parse(third.body)).toMatchObject({ error: { code: "rate_limited" } });
    // Another address behind the same proxy is not affected.
    expect((await upgradeStatus(url, { "X-Forwarded-For": "203.0.113.2" })).status).toBe(101);
    // A closed socket gives its place back.
    first.close();
    await withDeadline(
      (async () => {
        for (;;) {
          const again = await upgradeStatus(url, { "X-Forwarded-For": "203.0.113.1" });
          if (again.status === 101) return;
        }
      })(),
      "a place freed by a closed socket",
    );
  });

  it("ignores X-Forwarded-For from a peer that is not a trusted proxy, and caps sockets in total", async () => {
    const test = await startTestServer({
      OPENVIBE_MAX_SOCKETS_PER_ADDRESS: "2",
      OPENVIBE_MAX_SOCKETS: "3",
    });
    const url = test.current.url;
    expect((await upgradeStatus(url, { "X-Forwarded-For": "203.0.113.1" })).status).toBe(101);
    expect((await upgradeStatus(url, { "X-Forwarded-For": "203.0.113.2" })).status).toBe(101);
    // Both counted for 127.0.0.1, whatever the header claims.
    expect((await upgradeStatus(url, { "X-Forwarded-For": "203.0.113.3" })).status).toBe(429);

    const proxied = await startTestServer({
      OPENVIBE_MAX_SOCKETS: "3",
      OPENVIBE_TRUSTED_PROXIES: "127.0.0.0/8",
    });
    for (const client of ["203.0.113.1", "203.0.113.2", "203.0.113.3"]) {
      expect((await upgradeStatus(proxied.current.url, { "X-Forwarded-For": client })).status).toBe(
        101,
      );
    }
    const over = await upgradeStatus(proxied.current.url, { "X-Forwarded-For": "203.0.113.4" });
    expect(over.status).toBe(503);
  });

  it("closes a socket that does not authenticate in time or sends too much first, never an authenticated one", async () => {
    const test = await startTestServer({
      OPENVIBE_UNAUTHENTICATED_TIMEOUT_MS: "300",
      OPENVIBE_UNAUTHENTICATED_BYTES: "4096",
    });
    const server = test.current;
    const seed = await seedWorkspace(server);
    const peer = connectPeer(server.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    const channel = await peer.open(seed.general.id);

    const silent = rawSocket(server.websocketUrl);
    expect(await silent.opened).toBe(true);
    await withDeadline(silent.closed, "the server to close a socket that never authenticated");

    const talkative = rawSocket(server.websocketUrl);
    expect(await talkative.opened).toBe(true);
    talkative.socket.send(new Uint8Array(8192));
    await withDeadline(
      talkative.closed,
      "the server to close a socket that sent 8 KiB unauthenticated",
    );

    // The authenticated socket opened before both and has sent far more than 4 KiB since.
    const member: Actor = { kind: "human", id: seed.member.user.id };
    // Its content goes into a thread document (the channel is split) over the same socket.
    const { threadId, thread } = await channelReplica(peer, seed.general.id).createThread(member, {
      title: "still here",
      body: "x".repeat(1000),
    });
    for (let i = 0; i < 20; i++) {
      postMessage(thread.doc, member, { threadId, body: `${i} ${"y".repeat(1000)}` });
    }
    await thread.acknowledged();
    expect(peer.socket.status).toBe("connected");
    expect(channel.provider.isSynced).toBe(true);
    const other = connectPeer(server.websocketUrl, {
      token: await webSocketToken(seed.admin.client),
    });
    const reader = await other.open(seed.general.id);
    await reader.until("the thread to arrive", () =>
      [...readThreadDigests(reader.doc).values()].some(
        (digest) => digest.title === "still here" && digest.messageCount === 21,
      ),
    );
  });

  it("lets an honest client open 300 channels at once on one socket under tight limits", async () => {
    // What a browser sends before its first channel is authenticated: a token, sync step 1 and
    // awareness per channel, all at once when the socket opens.
    const test = await startTestServer({ OPENVIBE_UNAUTHENTICATED_BYTES: String(256 * 1024) });
    const server = test.current;
    const seed = await seedWorkspace(server);
    const ids = Array.from(
      { length: 300 },
      (_, i) =>
        createChannel(server.ctx, seed.admin.user, {
          name: `room-${i}`,
          topic: "",
          visibility: "public",
        }).id,
    );
    const peer = connectPeer(server.websocketUrl, {
      token: await webSocketToken(seed.admin.client),
    });
    const channels = await withDeadline(
      Promise.all(ids.map((id) => peer.open(id))),
      "300 channels to open on one socket",
      60_000,
    );
    expect(channels).toHaveLength(300);
    expect(peer.socket.status).toBe("connected");
  }, 90_000);

  it("lets a person hold so many documents open over all their sockets, and gives places back as they close", async () => {
    const test = await startTestServer({ OPENVIBE_MAX_OPEN_DOCUMENTS_PER_PERSON: "10" });
    const server = test.current;
    const seed = await seedWorkspace(server);
    const token = await webSocketToken(seed.member.client);
    const tab = connectPeer(server.websocketUrl, { token });
    const otherTab = connectPeer(server.websocketUrl, { token });
    onTestFinished(() => {
      tab.close();
      otherTab.close();
    });
    // Thread documents that do not exist cost nothing on disk, but each is held while open.
    let made = 0;
    const someThread = () =>
      threadDocumentName(seed.general.id, `01JTHREAD${String(made++).padStart(17, "0")}`);
    const held = [await tab.open(seed.general.id)];
    for (let i = 0; i < 5; i++) held.push(await tab.openDocument(someThread()));
    for (let i = 0; i < 4; i++) await otherTab.openDocument(someThread());

    const over = await otherTab.attemptDocument(someThread());
    expect(over.outcome).toEqual({ kind: "denied", reason: CONNECTION_DENIALS.tooManyDocuments });
    // Someone else is not affected.
    const admin = connectPeer(server.websocketUrl, {
      token: await webSocketToken(seed.admin.client),
    });
    onTestFinished(() => admin.close());
    await admin.openDocument(someThread());

    // A document closed gives its place back; so does a whole socket closing.
    held.pop()?.provider.destroy();
    await untilOpened(otherTab, someThread, "a place freed by a closed document");
    tab.close();
    for (let i = 0; i < 5; i++)
      await untilOpened(otherTab, someThread, "places freed by a closed socket");
  });
});

/** Asks for new documents until one opens (a closed one's place comes back soon after). */
async function untilOpened(
  peer: ReturnType<typeof connectPeer>,
  name: () => string,
  what: string,
): Promise<void> {
  await withDeadline(
    (async () => {
      for (;;) {
        const { outcome, channel } = await peer.attemptDocument(name());
        if (outcome.kind === "opened") return;
        channel.provider.destroy();
      }
    })(),
    what,
  );
}
