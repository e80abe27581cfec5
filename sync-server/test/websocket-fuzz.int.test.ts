// A seeded fuzzer for the WebSocket endpoint: frames generated in-process and
// sent over a few real sockets to one real server (a child process, so its
// memory can be read from /proc): random bytes, truncated and oversized frames,
// wrong document names, sync and awareness before authentication, thousands of
// documents on one socket, awareness floods, malformed and huge Yjs updates
// (also from an authenticated admin, through the write guard). The server must
// stay up, answer /health, keep its memory bounded, and store nothing but what
// the authenticated admin was allowed to write.
// 100,000 cases in the suite; OPENVIBE_LONG=1 (./scripts/test --long) runs 1,000,000.
// OPENVIBE_FUZZ_SEED replays a run.
import { join } from "node:path";
import { channelDocumentName, threadDocumentName } from "@openvibe/schema";
import Database from "better-sqlite3";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import { describe, expect, it, onTestFinished } from "vitest";
import * as Y from "yjs";
import { prng } from "../src/seeded-random.ts";
import { ApiClient } from "./support/api-client.ts";
import { spawnServer } from "./support/child-server.ts";
import { withDeadline } from "./support/deadline.ts";
import { connectPeer } from "./support/peers.ts";
import { memoryOf } from "./support/process-memory.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { temporaryDataDir } from "./support/test-server.ts";

const LONG = process.env.OPENVIBE_LONG === "1";
const CASES = LONG ? 1_000_000 : 100_000;
const SEED = Number(process.env.OPENVIBE_FUZZ_SEED ?? 20261204);
const SOCKETS = 4;
/** Frames sent on a socket between two round trips that prove the server read them. */
const FRAMES_PER_BARRIER = 400;
const MiB = 1024 * 1024;
const PASSWORD = "correct horse battery staple";

/** Hocuspocus's message types and sub-types (@hocuspocus/server types.ts, y-protocols). */
const MSG = { sync: 0, awareness: 1, auth: 2, queryAwareness: 3, stateless: 5, close: 7, ping: 9 };
const SYNC = { step1: 0, step2: 1, update: 2 };
const AUTH = { token: 0, permissionDenied: 1, authenticated: 2 };

type Rng = ReturnType<typeof prng>;

function frame(build: (e: encoding.Encoder) => void): Uint8Array<ArrayBuffer> {
  const e = encoding.createEncoder();
  build(e);
  return encoding.toUint8Array(e) as Uint8Array<ArrayBuffer>;
}

const authFrame = (name: string, token: string) =>
  frame((e) => {
    encoding.writeVarString(e, name);
    encoding.writeVarUint(e, MSG.auth);
    encoding.writeVarUint(e, AUTH.token);
    encoding.writeVarString(e, token);
  });

const syncFrame = (name: string, step: number, payload: Uint8Array) =>
  frame((e) => {
    encoding.writeVarString(e, name);
    encoding.writeVarUint(e, MSG.sync);
    encoding.writeVarUint(e, step);
    encoding.writeVarUint8Array(e, payload);
  });

/** Valid Yjs updates to mutate: a few small documents' states and diffs. */
function sampleUpdates(rng: Rng): Uint8Array[] {
  const samples: Uint8Array[] = [];
  for (let i = 0; i < 8; i++) {
    const doc = new Y.Doc();
    doc.getMap("messages").set(`m${i}`, new Y.Map());
    doc.getText("body").insert(0, "x".repeat(rng.int(200)));
    doc.getMap("meta").set("schemaVersion", 99);
    samples.push(Y.encodeStateAsUpdate(doc), Y.encodeStateVector(doc));
  }
  return samples;
}

function mutate(rng: Rng, bytes: Uint8Array): Uint8Array {
  const out = Uint8Array.from(bytes);
  const edits = 1 + rng.int(4);
  for (let i = 0; i < edits && out.length > 0; i++) out[rng.int(out.length)] = rng.int(256);
  return rng.next() < 0.3 ? out.subarray(0, rng.int(out.length + 1)) : out;
}

const HOSTILE_NAMES = [
  "",
  "channel:",
  "channel:../../etc/passwd",
  "channel:' OR 1=1 --",
  "channel:%00",
  "channel:\u0000x",
  "CHANNEL:01ARZ3NDEKTSV4RRFFQ69G5FAV",
  "channel:01ARZ3NDEKTSV4RRFFQ69G5FAV\u0000session",
  "dm:someone",
  "channel:🙂",
  "\u202echannel:x",
];

interface Generated {
  kind: string;
  frames: Uint8Array<ArrayBuffer>[];
}

/** One generated case: a kind and its frames (one, or a burst counted frame by frame). */
function generate(rng: Rng, general: string, samples: Uint8Array[]): Generated {
  const name = () => {
    const r = rng.next();
    if (r < 0.4) return general;
    if (r < 0.7) return rng.pick(HOSTILE_NAMES);
    if (r < 0.9)
      return `channel:${Array.from(rng.bytes(13), (b) => "0123456789ABCDEFGHJKMNPQRSTVWXYZ"[b % 32]).join("")}${rng.int(9)}`;
    return "n".repeat(rng.int(20_000));
  };
  const token = () =>
    rng.pick(["", "ovk_", `ovk_${"a".repeat(64)}`, "not-a-token", "x".repeat(rng.int(5000))]);
  const r = rng.int(1000);
  if (r < 30)
    return { kind: "random bytes", frames: [rng.bytes(rng.int(rng.next() < 0.1 ? 4096 : 64))] };
  if (r < 130) {
    const whole = syncFrame(name(), rng.int(3), rng.pick(samples));
    return { kind: "truncated frame", frames: [whole.slice(0, rng.int(whole.length))] };
  }
  if (r < 280) return { kind: "wrong document name", frames: [authFrame(name(), token())] };
  if (r < 480) {
    const payload = rng.next() < 0.5 ? rng.pick(samples) : mutate(rng, rng.pick(samples));
    return { kind: "sync before authentication", frames: [syncFrame(name(), rng.int(3), payload)] };
  }
  if (r < 680) {
    const states = JSON.stringify({
      user: { name: "x".repeat(rng.int(300)) },
      cursor: rng.int(1e6),
    });
    return {
      kind: "awareness flood",
      frames: [
        frame((e) => {
          encoding.writeVarString(e, name());
          encoding.writeVarUint(e, MSG.awareness);
          const update = encoding.createEncoder();
          const clients = 1 + rng.int(20);
          encoding.writeVarUint(update, clients);
          for (let i = 0; i < clients; i++) {
            encoding.writeVarUint(update, rng.int(2 ** 31));
            encoding.writeVarUint(update, rng.int(1000));
            encoding.writeVarString(update, rng.next() < 0.8 ? states : "{not json");
          }
          encoding.writeVarUint8Array(e, encoding.toUint8Array(update));
        }),
      ],
    };
  }
  if (r < 880) {
    const payload = rng.next() < 0.5 ? rng.bytes(rng.int(300)) : mutate(rng, rng.pick(samples));
    return { kind: "malformed Yjs update", frames: [syncFrame(name(), SYNC.update, payload)] };
  }
  if (r < 940) {
    const type = rng.pick([
      MSG.queryAwareness,
      MSG.stateless,
      MSG.close,
      MSG.ping,
      11,
      99,
      2 ** 31,
    ]);
    return {
      kind: "other message types",
      frames: [
        frame((e) => {
          encoding.writeVarString(e, name());
          encoding.writeVarUint(e, type);
          encoding.writeUint8Array(e, rng.bytes(rng.int(40)));
        }),
      ],
    };
  }
  // Sync then a bad token: the queued frames must be dropped with the refusal, never applied.
  const target = name();
  return {
    kind: "sync before a refused authentication",
    frames: [syncFrame(target, SYNC.step2, rng.pick(samples)), authFrame(target, token())],
  };
}

/** A raw socket with a way to wait until the server has read everything sent so far. */
class FuzzSocket {
  readonly socket: WebSocket;
  readonly opened: Promise<boolean>;
  closed = false;
  private waiters: (() => void)[] = [];
  private barrierName = "";
  constructor(url: string) {
    this.socket = new WebSocket(url);
    this.socket.binaryType = "arraybuffer";
    this.opened = new Promise((resolve) => {
      this.socket.addEventListener("open", () => resolve(true));
      this.socket.addEventListener("close", () => resolve(false));
    });
    this.socket.addEventListener("message", (event) => {
      // A permission-denied answer to a barrier's auth frame: everything before it was read.
      try {
        const decoder = decoding.createDecoder(new Uint8Array(event.data as ArrayBuffer));
        const name = decoding.readVarString(decoder);
        const denied =
          decoding.readVarUint(decoder) === MSG.auth &&
          decoding.readVarUint(decoder) === AUTH.permissionDenied;
        if (denied && name === this.barrierName) this.wake();
      } catch {
        // Not a frame this fuzzer reads.
      }
    });
    this.socket.addEventListener("close", () => {
      this.closed = true;
      this.wake();
    });
    onTestFinished(() => this.socket.close());
  }
  send(data: Uint8Array<ArrayBuffer>): void {
    if (!this.closed && this.socket.readyState === WebSocket.OPEN) this.socket.send(data);
  }
  /** Resolves once the server answered an auth frame sent after everything else (or closed). */
  barrier(name: string): Promise<void> {
    if (this.closed) return Promise.resolve();
    const answered = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.barrierName = name;
    this.send(authFrame(name, "barrier"));
    return withDeadline(answered, "the server to read a fuzz socket's frames", 30_000);
  }
  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }
}

describe("WebSocket endpoint under hostile input", () => {
  it(
    `survives ${CASES.toLocaleString("en")} generated cases and stores nothing from unauthenticated peers`,
    async () => {
      const dataDir = temporaryDataDir();
      const server = await spawnServer({
        OPENVIBE_DATA_DIR: dataDir,
        OPENVIBE_BRIDGE_KEY_FILE: "off",
        OPENVIBE_CLIENT_DIR: join(dataDir, "no-client"),
        OPENVIBE_SQLITE_SYNCHRONOUS: "normal",
      });
      const pid = server.process.pid as number;
      const baseUrl = server.websocketUrl.replace("ws:", "http:");
      const admin = new ApiClient(baseUrl);
      expect(
        (
          await admin.post("/api/setup", {
            workspaceName: "Acme",
            email: "admin@example.com",
            displayName: "admin",
            password: PASSWORD,
          })
        ).status,
      ).toBe(201);
      const channels = await admin.get<{ id: string; name: string }[]>("/api/channels");
      const generalId = channels.body.find((c) => c.name === "general")?.id as string;
      const general = channelDocumentName(generalId);
      // #general is split: a thread's content goes to its own document, fuzzed too.
      const generalThread = threadDocumentName(generalId, "01ARZ3NDEKTSV4RRFFQ69G5FAV");
      const apiKey = (await admin.post<{ key: string }>("/api/api-keys", { name: "fuzz" })).body
        .key;
      const before = memoryOf(pid);

      const rng = prng(SEED);
      const samples = sampleUpdates(rng);
      const counts = new Map<string, number>();
      const count = (kind: string, n = 1) => counts.set(kind, (counts.get(kind) ?? 0) + n);
      let peak = before.rss;
      let reconnects = 0;
      const pool: FuzzSocket[] = [];
      const sentSince: number[] = [];
      const socketAt = async (slot: number): Promise<FuzzSocket> => {
        let socket = pool[slot];
        while (socket === undefined || socket.closed) {
          if (socket !== undefined) reconnects += 1;
          socket = new FuzzSocket(server.websocketUrl);
          pool[slot] = socket;
          sentSince[slot] = 0;
          await withDeadline(socket.opened, "a fuzz socket to open");
        }
        return socket;
      };
      const checkpoint = async () => {
        await Promise.all(pool.map((socket) => socket.barrier(`channel:${generalId}x`)));
        const health = await fetch(`${baseUrl}/health`);
        expect(health.status).toBe(200);
        peak = Math.max(peak, memoryOf(pid).peak);
      };

      let cases = 0;
      let slot = 0;
      // Thousands of documents on one socket: bursts of 1,500 names (Hocuspocus allows 1,000
      // pending per socket, then closes it).
      const bursts = LONG ? 40 : 6;
      for (let b = 0; b < bursts; b++) {
        const socket = await socketAt(slot);
        for (let i = 0; i < 1500; i++) socket.send(authFrame(`channel:burst-${b}-${i}`, "x"));
        count("thousands of documents on one socket", 1500);
        cases += 1500;
        await socket.barrier(general);
      }
      // Oversized: past the unauthenticated allowance (1 MiB) and past the largest message (8 MiB).
      for (const size of [1.5 * MiB, 2 * MiB, 9 * MiB]) {
        const socket = await socketAt(slot);
        const huge = syncFrame(general, SYNC.update, rng.bytes(size));
        socket.send(huge);
        await withDeadline(
          new Promise<void>((resolve) => socket.socket.addEventListener("close", () => resolve())),
          `the server to cut a socket sending a ${size} byte frame`,
        );
        count("oversized frame");
        cases += 1;
      }

      // An authenticated admin sending malformed updates to #general's channel document and a
      // thread document of it: through the write guard.
      const authenticated = new FuzzSocket(server.websocketUrl);
      expect(await authenticated.opened).toBe(true);
      const authenticatedCases = Math.floor(CASES / 50);
      for (let i = 0; i < authenticatedCases; i++) {
        if (i % 50 === 0)
          for (const name of [general, generalThread]) authenticated.send(authFrame(name, apiKey));
        const payload = rng.next() < 0.5 ? rng.bytes(rng.int(200)) : mutate(rng, rng.pick(samples));
        const target = i % 2 === 0 ? general : generalThread;
        authenticated.send(syncFrame(target, rng.pick([SYNC.step2, SYNC.update]), payload));
        if (i % 1000 === 999) await authenticated.barrier(`channel:${generalId}y`);
      }
      await authenticated.barrier(`channel:${generalId}y`);
      count("malformed Yjs update, authenticated", authenticatedCases);
      cases += authenticatedCases;

      while (cases < CASES) {
        const socket = await socketAt(slot);
        const { kind, frames } = generate(rng, general, samples);
        for (const f of frames) socket.send(f);
        count(kind);
        cases += 1;
        sentSince[slot] = (sentSince[slot] ?? 0) + frames.length;
        if ((sentSince[slot] ?? 0) >= FRAMES_PER_BARRIER) {
          sentSince[slot] = 0;
          await socket.barrier(`channel:${generalId}x`);
        }
        slot = (slot + 1) % SOCKETS;
        if (cases % 20_000 === 0) await checkpoint();
      }
      await checkpoint();

      // Still up, still answering, memory bounded (unauthenticated bytes are capped at 64 MiB).
      expect(server.process.exitCode).toBeNull();
      expect(peak - before.rss).toBeLessThan(300 * MiB);
      // An honest client still opens #general and syncs.
      const member = connectPeer(server.websocketUrl, { token: await webSocketToken(admin) });
      await member.open(generalId);

      // No error of the server's own (only what Hocuspocus prints about peers' frames, component
      // "console"), and that sampled: before, every refused frame was one error entry (30,000 here).
      const entries = server.entries();
      const ownErrors = entries.filter(
        (e) => typeof e.level === "number" && e.level >= 50 && e.component !== "console",
      );
      expect(ownErrors.map((e) => `${String(e.component)}: ${String(e.msg)}`)).toEqual([]);
      const fromConsole = entries.filter((e) => e.component === "console").length;
      expect(fromConsole).toBeLessThan(2000);

      // Nothing stored for any document but #general's two (the ones an authenticated peer wrote
      // to), and in them only what the guard let through: they still load, every update decodes.
      // The thread document exists only if the guard let a write into it through (opening it
      // creates nothing: threads/thread-bounds.ts).
      await server.kill();
      const db = new Database(join(dataDir, "openvibe.sqlite"));
      onTestFinished(() => {
        db.close();
      });
      const stored = db
        .prepare(
          "SELECT document_name AS name FROM document_updates UNION SELECT name FROM documents",
        )
        .all() as { name: string }[];
      const storedNames = stored.map((row) => row.name);
      expect(storedNames).toContain(general);
      expect(storedNames.filter((name) => name !== general && name !== generalThread)).toEqual([]);
      for (const name of storedNames) {
        const doc = new Y.Doc();
        for (const row of db
          .prepare(
            'SELECT "update" AS u FROM document_updates WHERE document_name = ? ORDER BY seq',
          )
          .all(name) as { u: Buffer }[]) {
          Y.applyUpdate(doc, row.u);
        }
        expect(doc.getMap("meta").get("channelId"), name).toBe(generalId);
      }

      console.info(
        `websocket fuzz: seed ${SEED}, ${cases} cases, ${reconnects} reconnects, peak RSS +${Math.round((peak - before.rss) / MiB)} MiB, ${fromConsole} console log entries`,
        Object.fromEntries(counts),
      );
    },
    LONG ? 3_600_000 : 300_000,
  );
});
