// Every kind of principal against a public channel, a private channel and a
// channel that does not exist, over real sockets: denied (and why),
// read-only (a write is refused and never stored), react-only (a reaction
// reaches another peer; any other write closes the connection and is never
// stored), or read-write (a write reaches another peer). Private content
// never reaches a non-member. The channels are split: each principal is tried on the channel
// document and on a thread document of it, which answer alike; a thread is written in its own
// thread document and listed from the server's digests in the channel document.
import {
  CLOSE_CODES,
  CONNECTION_DENIALS,
  getMessage,
  listThreads,
  react,
  readThreadDigests,
  threadDocumentName,
  threadView,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { createApiKey, revokeApiKey } from "../src/accounts/api-keys.ts";
import type { UserRecord } from "../src/accounts/principal.ts";
import { createSession, issueWebSocketToken, WS_TOKEN_TTL_MS } from "../src/accounts/sessions.ts";
import { createUser, deactivateUser } from "../src/accounts/users.ts";
import { addMember } from "../src/channels/channels.ts";
import { newId } from "../src/ids.ts";
import { getWorkspace } from "../src/workspace/workspace.ts";
import { channelReplica, newThreadContent } from "./support/channel-replica.ts";
import { connectPeer, type OpenChannel, type Peer } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer } from "./support/test-server.ts";
import { type SeededWorkspace, seedWorkspace } from "./support/workspace-fixture.ts";

type Expected = "write" | "react" | "read" | "forbidden" | "unauthenticated";
type ChannelKind = "public" | "private" | "nonexistent";

interface World {
  seed: SeededWorkspace;
  server: Awaited<ReturnType<typeof startTestServer>>["current"];
  channelIds: Record<ChannelKind, string>;
  /** The admin's open replicas of the existing channels, which watch for writes. */
  observers: Record<Exclude<ChannelKind, "nonexistent">, OpenChannel>;
  /** The admin's open replicas of the seeded threads' documents. */
  threadObservers: Record<Exclude<ChannelKind, "nonexistent">, OpenChannel>;
  /** The thread the admin wrote in each existing channel before anyone else connected. */
  seeded: Record<Exclude<ChannelKind, "nonexistent">, string>;
}

const actorOf = (user: UserRecord) => ({ kind: user.kind, id: user.id });

async function world(): Promise<World> {
  const test = await startTestServer();
  const server = test.current;
  const seed = await seedWorkspace(server);
  const admin = connectPeer(server.websocketUrl, {
    token: await webSocketToken(seed.admin.client),
  });
  const [publicChannel, privateChannel] = await Promise.all([
    admin.open(seed.general.id),
    admin.open(seed.secret.id),
  ]);
  const seedThread = async (channel: OpenChannel, channelId: string, title: string) => {
    const started = await channelReplica(admin, channelId).createThread(actorOf(seed.admin.user), {
      title,
      body: "seeded",
    });
    await channel.until(`${title} listed`, () => titles(channel).includes(title));
    return started;
  };
  const [publicThread, privateThread] = await Promise.all([
    seedThread(publicChannel, seed.general.id, "public plans"),
    seedThread(privateChannel, seed.secret.id, "classified plans"),
  ]);
  return {
    seed,
    server,
    channelIds: { public: seed.general.id, private: seed.secret.id, nonexistent: newId() },
    observers: { public: publicChannel, private: privateChannel },
    threadObservers: { public: publicThread.thread, private: privateThread.thread },
    seeded: { public: publicThread.threadId, private: privateThread.threadId },
  };
}

/** A session token minted now, for a person who is then deactivated. */
async function tokenBeforeDeactivation({ server, seed }: World): Promise<string> {
  const ctx = server.ctx;
  const user = await createUser(ctx, { kind: "human", role: "member", displayName: "leaver" });
  for (const channel of [seed.general, seed.secret]) {
    addMember(ctx, seed.admin.user, channel.id, user.id);
  }
  const { session } = createSession(ctx, user.id, null);
  const { token } = issueWebSocketToken(ctx, getWorkspace(ctx).secret, session.id);
  deactivateUser(ctx, seed.admin.user, user.id);
  return token;
}

function revokedApiKey({ server, seed }: World): string {
  const { id, key } = createApiKey(server.ctx, seed.admin.user, seed.agent.user, "retired");
  revokeApiKey(server.ctx, seed.admin.user, id);
  return key;
}

/** The member's genuine token with its claims altered (a later expiry), signature kept. */
async function tamperedToken({ seed }: World): Promise<string> {
  const [payload, signature] = (await webSocketToken(seed.member.client)).split(".");
  const claims = JSON.parse(Buffer.from(payload ?? "", "base64url").toString());
  const forged = { ...claims, expiresAt: Date.now() + 365 * 24 * 60 * 60 * 1000 };
  return `${Buffer.from(JSON.stringify(forged)).toString("base64url")}.${signature}`;
}

/** A token of a live session of the member, signed correctly but past its expiry. */
function expiredToken({ server, seed }: World): string {
  const ctx = server.ctx;
  const { session } = createSession(ctx, seed.member.user.id, null);
  const past = { ...ctx, now: () => ctx.now() - WS_TOKEN_TTL_MS - 1000 };
  return issueWebSocketToken(past, getWorkspace(ctx).secret, session.id).token;
}

interface Case {
  principal: string;
  token(w: World): Promise<string | undefined> | string | undefined;
  /** Who writes as this principal (for the document operations' actor). */
  actor(w: World): UserRecord;
  public: Expected;
  private: Expected;
}

const unauthenticated = { public: "unauthenticated", private: "unauthenticated" } as const;

const CASES: Case[] = [
  {
    principal: "admin",
    token: (w) => webSocketToken(w.seed.admin.client),
    actor: (w) => w.seed.admin.user,
    public: "write",
    private: "write",
  },
  {
    principal: "member of both channels",
    token: (w) => webSocketToken(w.seed.member.client),
    actor: (w) => w.seed.member.user,
    public: "write",
    private: "write",
  },
  {
    principal: "guest in the private channel only",
    token: (w) => webSocketToken(w.seed.guest.client),
    actor: (w) => w.seed.guest.user,
    public: "forbidden",
    private: "react",
  },
  {
    principal: "member of neither channel",
    token: (w) => webSocketToken(w.seed.outsider.client),
    actor: (w) => w.seed.outsider.user,
    public: "forbidden",
    private: "forbidden",
  },
  {
    principal: "agent with a live API key",
    token: (w) => w.seed.agent.apiKey,
    actor: (w) => w.seed.agent.user,
    public: "write",
    private: "write",
  },
  {
    principal: "deactivated member (token minted before)",
    token: tokenBeforeDeactivation,
    actor: (w) => w.seed.deactivated.user,
    ...unauthenticated,
  },
  {
    principal: "revoked API key",
    token: revokedApiKey,
    actor: (w) => w.seed.agent.user,
    ...unauthenticated,
  },
  {
    principal: "anonymous (no token)",
    token: () => undefined,
    actor: (w) => w.seed.outsider.user,
    ...unauthenticated,
  },
  {
    principal: "tampered token",
    token: tamperedToken,
    actor: (w) => w.seed.member.user,
    ...unauthenticated,
  },
  {
    principal: "expired token",
    token: expiredToken,
    actor: (w) => w.seed.member.user,
    ...unauthenticated,
  },
];

/** The titles a channel document lists: the server's digests. */
function titles(channel: OpenChannel) {
  return [...readThreadDigests(channel.doc).values()].map((digest) => digest.title);
}

/** The peer under test and its replica of the seeded thread's document. */
interface Opened {
  peer: Peer;
  /** The seeded thread's document. */
  seeded: OpenChannel;
}

async function expectDenied(channel: OpenChannel, outcome: unknown, reason: string) {
  expect(outcome).toEqual({ kind: "denied", reason });
  // Not one update of the channel reached the denied peer.
  expect(channel.doc.store.clients.size).toBe(0);
}

/** A new thread `c` writes in its own document (opened as `scope`), returned unsent. */
async function newThreadDocument(w: World, kind: "public" | "private", c: Case, o: Opened) {
  const started = newThreadContent(actorOf(c.actor(w)), { title: "not allowed", body: "no" });
  const name = threadDocumentName(w.channelIds[kind], started.threadId);
  const { outcome, channel } = await o.peer.attemptDocument(name);
  return { started, name, outcome, channel };
}

/** A fresh replica, connected after the server refused a write, does not have it. */
async function expectNotStored(w: World, kind: "public" | "private", refusedName: string) {
  const reader = connectPeer(w.server.websocketUrl, { token: w.seed.agent.apiKey });
  const reloaded = await reader.open(w.channelIds[kind]);
  expect(titles(reloaded)).not.toContain("not allowed");
  expect(titles(reloaded)).toContain(kind === "public" ? "public plans" : "classified plans");
  const refused = await reader.openDocument(refusedName);
  expect(listThreads(refused.doc)).toEqual([]);
}

async function expectReadOnly(
  w: World,
  kind: "public" | "private",
  c: Case,
  channel: OpenChannel,
  o: Opened,
) {
  expect(titles(channel)).toContain(kind === "public" ? "public plans" : "classified plans");
  expect(listThreads(o.seeded.doc).map((t) => t.id)).toEqual([w.seeded[kind]]);
  const attempt = await newThreadDocument(w, kind, c, o);
  expect(attempt.outcome).toEqual({ kind: "opened", scope: "readonly" });
  const refusal = attempt.channel.refused();
  Y.applyUpdate(attempt.channel.doc, attempt.started.update);
  await refusal;
  await expectNotStored(w, kind, attempt.name);
}

/** Own reactions reach other peers; any other write ends the connection, unstored. */
async function expectReactOnly(
  w: World,
  kind: "public" | "private",
  c: Case,
  channel: OpenChannel,
  o: Opened,
) {
  expect(titles(channel)).toContain(kind === "public" ? "public plans" : "classified plans");
  const actor = actorOf(c.actor(w));
  const messageId = threadView(o.seeded.doc, w.seeded[kind])?.messages[0]?.id ?? "";
  react(o.seeded.doc, actor, { messageId, emoji: "👍" });
  const observer = w.threadObservers[kind];
  await observer.until(`${c.principal}'s reaction on the admin's replica`, () =>
    Boolean(
      getMessage(observer.doc, messageId)?.reactions.some((r) => r.actorIds.includes(actor.id)),
    ),
  );
  const attempt = await newThreadDocument(w, kind, c, o);
  expect(attempt.outcome).toEqual({ kind: "opened", scope: "read-write" });
  Y.applyUpdate(attempt.channel.doc, attempt.started.update);
  expect((await attempt.channel.closed).reason).toBe(CLOSE_CODES.writeRefused.reason);
  await expectNotStored(w, kind, attempt.name);
}

async function expectReadWrite(
  w: World,
  kind: "public" | "private",
  c: Case,
  channel: OpenChannel,
  o: Opened,
) {
  expect(titles(channel)).toContain(kind === "public" ? "public plans" : "classified plans");
  expect(listThreads(o.seeded.doc).map((t) => t.id)).toEqual([w.seeded[kind]]);
  const title = `written by ${c.principal}`;
  await channelReplica(o.peer, w.channelIds[kind]).createThread(actorOf(c.actor(w)), {
    title,
    body: "hello",
  });
  const observer = w.observers[kind];
  await observer.until(`${title} on the admin's replica`, () => titles(observer).includes(title));
}

describe("who may open which channel document", () => {
  it.each(CASES)("$principal", async (c) => {
    const w = await world();
    const token = await c.token(w);
    const peer = connectPeer(w.server.websocketUrl, token === undefined ? {} : { token });
    const kinds: ChannelKind[] = ["public", "private", "nonexistent"];
    const attempts = await Promise.all(kinds.map((kind) => peer.attempt(w.channelIds[kind])));
    // The seeded thread's document (a made-up thread's in the channel that does not exist).
    const threadNames = {
      public: threadDocumentName(w.channelIds.public, w.seeded.public),
      private: threadDocumentName(w.channelIds.private, w.seeded.private),
      nonexistent: threadDocumentName(w.channelIds.nonexistent, w.seeded.public),
    };
    const threadAttempts = await Promise.all(
      kinds.map((kind) => peer.attemptDocument(threadNames[kind])),
    );
    for (const [index, kind] of kinds.entries()) {
      const { outcome, channel } = attempts[index] ?? expect.unreachable();
      const thread = threadAttempts[index] ?? expect.unreachable();
      // A thread document answers as its channel.
      expect(thread.outcome, `${c.principal} on the ${kind} channel's thread`).toEqual(outcome);
      const expected: Expected =
        kind === "nonexistent"
          ? c.public === "unauthenticated"
            ? "unauthenticated"
            : "forbidden"
          : c[kind];
      if (expected === "forbidden" || expected === "unauthenticated") {
        await expectDenied(channel, outcome, CONNECTION_DENIALS[expected]);
        await expectDenied(thread.channel, thread.outcome, CONNECTION_DENIALS[expected]);
      } else if (kind !== "nonexistent") {
        const scope = expected === "read" ? "readonly" : "read-write";
        expect(outcome, `${c.principal} on the ${kind} channel`).toEqual({ kind: "opened", scope });
        await channel.until(`the ${kind} channel's list`, () => titles(channel).length > 0);
        const check = { read: expectReadOnly, react: expectReactOnly, write: expectReadWrite };
        await check[expected](w, kind, c, channel, { peer, seeded: thread.channel });
      }
    }
  });
});
