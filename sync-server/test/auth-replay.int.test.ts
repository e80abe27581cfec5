// Credentials replayed after they died, and credentials forged: a session
// cookie after logout and after logout-all, WebSocket tokens forged every
// way or past their expiry, a session past its expiry, an API key and a
// bridge key after revocation over HTTP. Each is refused over HTTP (401 with
// a JSON error) and over the socket ("unauthenticated"), and not one row of
// the database changes while they are tried.
import { CLOSE_CODES, CONNECTION_DENIALS, threadDocumentName } from "@openvibe/schema";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createApiKey } from "../src/accounts/api-keys.ts";
import type { UserRecord } from "../src/accounts/principal.ts";
import { SESSION_TTL_MS, WS_TOKEN_TTL_MS } from "../src/accounts/sessions.ts";
import { createBridgeKey } from "../src/agents/bridge-keys.ts";
import { TaskQueueSignal } from "../src/agents/task-queue.ts";
import { enqueueTask } from "../src/agents/tasks.ts";
import { sessions } from "../src/db/schema.ts";
import { SESSION_COOKIE } from "../src/http/authentication.ts";
import type { RunningServer } from "../src/server.ts";
import { ApiClient } from "./support/api-client.ts";
import { newThreadContent } from "./support/channel-replica.ts";
import { databaseFingerprint } from "./support/database-fingerprint.ts";
import { withDeadline } from "./support/deadline.ts";
import { forgeriesOf } from "./support/forged-tokens.ts";
import { connectPeer } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer } from "./support/test-server.ts";
import { PASSWORD, type SeededWorkspace, seedWorkspace } from "./support/workspace-fixture.ts";

interface World {
  server: RunningServer;
  seed: SeededWorkspace;
}

async function world(): Promise<World> {
  const server = (await startTestServer()).current;
  return { server, seed: await seedWorkspace(server) };
}

const UNAUTHENTICATED = { error: { code: "unauthenticated", message: expect.any(String) } };

/** A read and a write as `client` are both refused with 401 and a JSON error. */
async function expectHttpRefused(client: ApiClient, what: string) {
  const read = await client.get("/api/me");
  expect(read.status, `${what}: GET /api/me`).toBe(401);
  expect(read.body).toEqual(UNAUTHENTICATED);
  const write = await client.post("/api/channels", { name: "replayed", visibility: "public" });
  expect(write.status, `${what}: POST /api/channels`).toBe(401);
  expect(write.body).toEqual(UNAUTHENTICATED);
}

/** The same for a raw credential presented as the session cookie and as a Bearer token. */
async function expectCredentialRefused(server: RunningServer, credential: string, what: string) {
  for (const headers of [
    { Cookie: `${SESSION_COOKIE}=${credential}` },
    { Authorization: `Bearer ${credential}` },
  ]) {
    const anonymous = new ApiClient(server.url);
    const read = await anonymous.raw("GET", "/api/me", undefined, headers);
    const write = await anonymous.raw("POST", "/api/channels", '{"name":"forged"}', {
      ...headers,
      "Content-Type": "application/json",
    });
    for (const answer of [read, write]) {
      expect(answer.status, `${what} as ${Object.keys(headers)[0]}`).toBe(401);
      expect(JSON.parse(answer.text)).toEqual(UNAUTHENTICATED);
    }
  }
}

/**
 * Opening the channel, or a new thread's document in it, with `token` is refused as
 * unauthenticated; the thread written anyway is lost.
 */
async function expectSocketRefused(w: World, token: string, as: UserRecord, what: string) {
  const peer = connectPeer(w.server.websocketUrl, { token });
  const { outcome, channel } = await peer.attempt(w.seed.general.id);
  expect(outcome, what).toEqual({ kind: "denied", reason: CONNECTION_DENIALS.unauthenticated });
  expect(channel.doc.store.clients.size).toBe(0);
  const started = newThreadContent({ kind: as.kind, id: as.id }, { title: what, body: "replayed" });
  const name = threadDocumentName(w.seed.general.id, started.threadId);
  const thread = await peer.attemptDocument(name);
  expect(thread.outcome, what).toEqual({
    kind: "denied",
    reason: CONNECTION_DENIALS.unauthenticated,
  });
  Y.applyUpdate(thread.channel.doc, started.update);
  peer.close();
  expect(w.server.hocuspocus.documents.has(name), what).toBe(false);
}

/** A second sign-in of the seeded member: another session, as on another device. */
async function signInAgain(w: World): Promise<ApiClient> {
  const client = new ApiClient(w.server.url);
  const login = await client.post("/api/auth/login", {
    email: w.seed.member.user.email,
    password: PASSWORD,
  });
  expect(login.status).toBe(200);
  return client;
}

/** Moves the running server's clock (every service reads `ctx.now`) forward by `ms`. */
function advanceServerClock(server: RunningServer, ms: number) {
  const now = server.ctx.now;
  server.ctx.now = () => now() + ms;
}

describe("replayed and forged credentials", () => {
  it("refuses a session cookie and its WebSocket token replayed after logout", async () => {
    const w = await world();
    const browser = w.seed.member.client;
    const token = await webSocketToken(browser);
    const replay = browser.clone();
    expect((await browser.post("/api/auth/logout")).status).toBe(204);

    const before = databaseFingerprint(w.server);
    await expectHttpRefused(replay, "the cookie after logout");
    expect((await replay.post("/api/auth/ws-token")).status).toBe(401);
    expect((await replay.post("/api/auth/logout")).status).toBe(401);
    await expectSocketRefused(w, token, w.seed.member.user, "a token minted before logout");
    expect(databaseFingerprint(w.server)).toBe(before);
  });

  it("refuses every session of the person after logout-all, on every device", async () => {
    const w = await world();
    const laptop = w.seed.member.client;
    const phone = await signInAgain(w);
    const tokens = [await webSocketToken(laptop), await webSocketToken(phone)];
    const replays = [laptop.clone(), phone.clone()];
    expect((await laptop.post("/api/auth/logout-all")).status).toBe(204);

    const before = databaseFingerprint(w.server);
    for (const [index, replay] of replays.entries()) {
      await expectHttpRefused(replay, `device ${index} after logout-all`);
    }
    for (const [index, token] of tokens.entries()) {
      await expectSocketRefused(w, token, w.seed.member.user, `device ${index}'s token`);
    }
    expect(databaseFingerprint(w.server)).toBe(before);
    // The other people's sessions were not touched.
    expect((await w.seed.admin.client.get("/api/me")).status).toBe(200);
  });

  it("refuses forged WebSocket and CSRF tokens, and tokens of another workspace", async () => {
    const w = await world();
    const member = w.seed.member.client;
    const genuine = await webSocketToken(member);
    const session = await member.get<{ csrfToken: string }>("/api/auth/session");
    const adminSessionId = w.server.ctx.db
      .select()
      .from(sessions)
      .where(eq(sessions.userId, w.seed.admin.user.id))
      .get()?.id;
    if (adminSessionId === undefined) throw new Error("the admin has no session");
    const elsewhere = (await startTestServer()).current;
    const otherWorkspace = await seedWorkspace(elsewhere);
    const foreignToken = await webSocketToken(otherWorkspace.member.client);

    const before = databaseFingerprint(w.server);
    const forgeries = [
      ...forgeriesOf(genuine, adminSessionId),
      { name: "another workspace's genuine token", token: foreignToken },
      { name: "the CSRF token", token: session.body.csrfToken },
    ];
    for (const { name, token } of forgeries) {
      await expectSocketRefused(w, token, w.seed.member.user, name);
      await expectCredentialRefused(w.server, token, name);
    }
    // A genuine session with a forged CSRF token: the write is refused (403), nothing more.
    for (const { name, token } of forgeriesOf(session.body.csrfToken, adminSessionId)) {
      const write = await member.raw("POST", "/api/channels", '{"name":"forged"}', {
        "Content-Type": "application/json",
        "X-CSRF-Token": token,
      });
      expect(write.status, `CSRF token: ${name}`).toBe(403);
      expect(JSON.parse(write.text)).toMatchObject({ error: { code: "csrf_failed" } });
    }
    expect(databaseFingerprint(w.server)).toBe(before);
  });

  it("refuses a WebSocket token used again after it expired, and a session past its expiry", async () => {
    const w = await world();
    const member = w.seed.member.client;
    const token = await webSocketToken(member);
    const first = connectPeer(w.server.websocketUrl, { token });
    await first.open(w.seed.general.id);

    advanceServerClock(w.server, WS_TOKEN_TTL_MS + 1);
    await expectSocketRefused(w, token, w.seed.member.user, "the token after its expiry");
    // The session itself lives on and mints a new token, which opens the channel.
    const renewed = connectPeer(w.server.websocketUrl, { token: await webSocketToken(member) });
    await renewed.open(w.seed.general.id);

    advanceServerClock(w.server, SESSION_TTL_MS);
    const before = databaseFingerprint(w.server);
    await expectHttpRefused(member, "the session after its expiry");
    expect((await member.post("/api/auth/ws-token")).status).toBe(401);
    expect(databaseFingerprint(w.server)).toBe(before);
  });

  it("refuses an API key revoked over HTTP, over HTTP and the socket", async () => {
    const w = await world();
    const { id, key } = createApiKey(w.server.ctx, w.seed.admin.user, w.seed.agent.user, "script");
    const script = new ApiClient(w.server.url, { apiKey: key });
    expect((await script.get("/api/me")).status).toBe(200);
    const peer = connectPeer(w.server.websocketUrl, { token: key });
    await peer.open(w.seed.general.id);
    expect((await w.seed.admin.client.delete(`/api/api-keys/${id}`)).status).toBe(204);

    const before = databaseFingerprint(w.server);
    await expectHttpRefused(script, "the revoked key");
    await expectSocketRefused(w, key, w.seed.agent.user, "the revoked key");
    expect(databaseFingerprint(w.server)).toBe(before);
  });

  it("refuses a bridge key revoked over HTTP: its task calls, its socket and new sockets", async () => {
    const w = await world();
    const { ctx } = w.server;
    const task = enqueueTask(ctx, new TaskQueueSignal(), {
      kind: "mention",
      agentId: w.seed.agent.user.id,
      channelId: w.seed.general.id,
      threadId: "thread-1",
      forkId: null,
      triggerMessageId: "message-1",
      requestedBy: w.seed.member.user.id,
      depth: 0,
    });
    if (task === null) throw new Error("the task was not queued");
    const { id, key } = createBridgeKey(ctx, w.seed.admin.user, "gpu box");
    const bridge = new ApiClient(w.server.url, { apiKey: key });
    const claim = await bridge.post<{ id: string; attempt: number; documentName: string }>(
      "/api/bridge/claim",
      { waitMs: 0 },
    );
    expect(claim.body).toMatchObject({ id: task.id, attempt: 1 });
    const peer = connectPeer(w.server.websocketUrl, { token: key });
    // A bridge key opens the document its task names: the task's thread document.
    const channel = await peer.openDocument(claim.body.documentName);

    expect((await w.seed.admin.client.delete(`/api/api-keys/${id}`)).status).toBe(204);
    const closed = await withDeadline(channel.closed, "the revoked bridge's connection to close");
    expect(closed.reason).toBe(CLOSE_CODES.sessionEnded.reason);
    // The claim loaded the new channel's document, whose set-up the server stores meanwhile.
    await w.server.idle();

    const before = databaseFingerprint(w.server);
    const attempt = { attempt: claim.body.attempt };
    for (const [path, body] of [
      ["/api/bridge/claim", { waitMs: 0 }],
      [`/api/bridge/tasks/${task.id}/heartbeat`, attempt],
      [`/api/bridge/tasks/${task.id}/reply`, { ...attempt, messageId: "m-1" }],
      [`/api/bridge/tasks/${task.id}/finish`, { ...attempt, status: "completed" }],
    ] as const) {
      const answer = await bridge.post(path, body);
      expect(answer.status, path).toBe(401);
      expect(answer.body).toEqual(UNAUTHENTICATED);
    }
    await expectSocketRefused(w, key, w.seed.agent.user, "the revoked bridge key");
    expect(databaseFingerprint(w.server)).toBe(before);
  });
});
