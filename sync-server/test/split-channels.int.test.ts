// The server on split channels (docs/history-split.md), with the real server and providers: what
// is written in a thread document is searched, reaches the mentions inbox and queues agents'
// tasks like a message of a one-document channel; its digest reaches every member's channel document within the index
// delay; a channel's threads page through GET /api/channels/:id/threads (nothing for outsiders);
// a channel holds a bounded number of thread documents; and once the last client has left and the
// idle delay passed, every document, those the server loaded for its own work included, unloads.
import {
  type Actor,
  CLOSE_CODES,
  type MentionsPage,
  postMessage,
  readThreadDigests,
  type SearchResult,
  type ThreadsPage,
  threadDocumentName,
} from "@openvibe/schema";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { UserRecord } from "../src/accounts/principal.ts";
import { agentTasks } from "../src/db/schema.ts";
import { SearchIndex } from "../src/search/search-index.ts";
import type { ApiClient } from "./support/api-client.ts";
import { newThreadContent } from "./support/channel-replica.ts";
import { ovb } from "./support/ovb.ts";
import { connectPeer } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { firstWrite, startThreadDocument } from "./support/split-channels.ts";
import { startTestServer } from "./support/test-server.ts";
import { pollUntil } from "./support/wait-for.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

const actorOf = (user: UserRecord): Actor => ({ kind: user.kind, id: user.id });

async function world(overrides: Record<string, string> = {}) {
  const test = await startTestServer(overrides);
  const server = test.current;
  const seed = await seedWorkspace(server);
  const connect = async (client: ApiClient) =>
    connectPeer(server.websocketUrl, { token: await webSocketToken(client) });
  return { test, server, seed, connect };
}

async function ok<T>(client: ApiClient, path: string): Promise<T> {
  const response = await client.get<T>(path);
  if (response.status !== 200) {
    throw new Error(`${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

describe("split channels on the server", () => {
  it("searches, mentions and digests what is written in thread documents", async () => {
    // Documents kept loaded long after their clients leave: the server's stop lets them go.
    const { server, seed, connect } = await world({ OPENVIBE_DOCUMENT_IDLE_MS: "3600000" });
    const member = await connect(seed.member.client);
    const { threadId, thread } = await startThreadDocument(
      member,
      seed.general.id,
      actorOf(seed.member.user),
      { title: "release", body: `@${seed.admin.user.handle} the zeppelin ships friday` },
    );
    // Another member's channel document gets the thread's digest, without the thread document.
    const admin = await connect(seed.admin.client);
    const channel = await admin.open(seed.general.id);
    const digestOf = () => readThreadDigests(channel.doc).get(threadId);
    await channel.until("the thread's digest", () => digestOf()?.messageCount === 1);
    expect(digestOf()).toMatchObject({ title: "release", createdBy: actorOf(seed.member.user) });
    expect(channel.doc.getMap("messages").size).toBe(0);

    // The search projection writes in batches of its own (up to 10 s later; a search writes what
    // waits first), apart from the digest.
    const searched = async () =>
      (await ok<SearchResult>(seed.admin.client, "/api/search?q=zeppelin")).hits.map((hit) => [
        hit.channelId,
        hit.threadId,
      ]);
    await pollUntil("the message searchable", async () => (await searched()).length > 0);
    expect(await searched()).toEqual([[seed.general.id, threadId]]);
    const mentions = await ok<MentionsPage>(seed.admin.client, "/api/mentions");
    expect(mentions.mentions.map((m) => m.threadId)).toEqual([threadId]);

    // A reply in the thread document changes the digest the channel document holds, and its
    // mention of an agent queues the agent's task in that thread.
    const reply = postMessage(thread.doc, actorOf(seed.member.user), {
      threadId,
      body: "and the blimp @claude",
    });
    await channel.until("the reply counted", () => digestOf()?.messageCount === 2);
    // The thread list says at once what the channel document says: its rows wait to be written
    // together (thread-index-row-queue.ts), and the list writes them before it reads.
    const listed = await ok<ThreadsPage>(
      seed.admin.client,
      `/api/channels/${seed.general.id}/threads`,
    );
    expect(listed.threads.map((t) => [t.threadId, t.digest.messageCount])).toEqual([[threadId, 2]]);
    const mentionTask = () =>
      server.ctx.db
        .select({ channelId: agentTasks.channelId, threadId: agentTasks.threadId })
        .from(agentTasks)
        .where(eq(agentTasks.triggerMessageId, reply))
        .get();
    await pollUntil("the agent's task", async () => mentionTask() !== undefined);
    expect(mentionTask()).toEqual({ channelId: seed.general.id, threadId });
  });

  it("pages a channel's threads by last activity, and tells outsiders nothing", async () => {
    const { test, seed, connect } = await world();
    const member = await connect(seed.member.client);
    const started: string[] = [];
    for (const title of ["one", "two", "three", "four", "five"]) {
      const { threadId } = await startThreadDocument(
        member,
        seed.secret.id,
        actorOf(seed.member.user),
        { title, body: title },
      );
      started.push(threadId);
    }
    const path = `/api/channels/${seed.secret.id}/threads`;
    const everyThreadListed = () =>
      pollUntil("every thread listed", async () => {
        const page = await ok<ThreadsPage>(seed.guest.client, `${path}?limit=100`);
        return page.threads.length === started.length;
      });
    await everyThreadListed();
    // Newest first, two at a time.
    const seen: string[] = [];
    let next: string | null = null;
    do {
      const query: string = next === null ? "" : `&before=${encodeURIComponent(next)}`;
      const page: ThreadsPage = await ok(seed.guest.client, `${path}?limit=2${query}`);
      expect(page.threads.length).toBeLessThanOrEqual(2);
      seen.push(...page.threads.map((t) => t.threadId));
      next = page.next;
    } while (next !== null);
    expect(seen).toEqual([...started].reverse());
    const [newest] = (await ok<ThreadsPage>(seed.guest.client, `${path}?limit=1`)).threads;
    expect(newest?.digest).toMatchObject({
      title: "five",
      messageCount: 1,
      recent: [{ authorId: seed.member.user.id }],
    });

    for (const client of [seed.outsider.client, seed.anonymous]) {
      const refused = await client.get<{ error: { code: string } }>(path);
      expect(refused.status).toBe(client === seed.anonymous ? 401 : 404);
    }
    const bad = await seed.guest.client.get<{ error: { code: string } }>(`${path}?before=x`);
    expect([bad.status, bad.body.error.code]).toEqual([400, "validation_failed"]);

    // Rows lost (the server stopped between storing thread documents and writing their rows)
    // come back from the stored thread documents when the server starts.
    member.close();
    const emptyIndexes = () => {
      test.current.ctx.db.$client.prepare("DELETE FROM thread_index").run();
      new SearchIndex(test.current.ctx.db.$client).removeChannel(seed.secret.id);
    };
    emptyIndexes();
    await test.restartOnSamePort();
    await everyThreadListed();
    // ovb reindex rebuilds both projections from the stored thread documents.
    emptyIndexes();
    const run = await ovb(test.dataDir, ["reindex", "--channel", seed.secret.id, "--json"]);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ channels: 1, messages: 5, threads: 5 });
    await everyThreadListed();
    const found = await ok<SearchResult>(seed.guest.client, "/api/search?q=three");
    expect(found.hits.map((hit) => hit.threadId)).toEqual([started[2]]);
  });

  it("bounds a channel's thread documents, and unloads every document once idle", async () => {
    const { server, seed, connect } = await world({
      OPENVIBE_MAX_THREADS_PER_CHANNEL: "2",
      OPENVIBE_INDEX_HOLD_MS: "50",
      OPENVIBE_DOCUMENT_IDLE_MS: "300",
    });
    const loadedAtStart = server.hocuspocus.getDocumentsCount();
    const member = await connect(seed.member.client);
    const author = actorOf(seed.member.user);
    const first = await startThreadDocument(member, seed.general.id, author, {
      title: "a",
      body: "a",
    });
    await startThreadDocument(member, seed.general.id, author, { title: "b", body: "b" });
    // A third thread is refused at the write that would create it; one the channel holds opens
    // again. Refused again: a refused write leaves nothing the next one would count.
    for (const attempt of [1, 2]) {
      const content = newThreadContent(author, { title: "third", body: "third" });
      const third = await member.openDocument(
        threadDocumentName(seed.general.id, content.threadId),
      );
      const outcome = await firstWrite(third, content.update);
      expect(outcome, `attempt ${attempt}`).toBe(CLOSE_CODES.channelFull.reason);
    }
    const admin = await connect(seed.admin.client);
    const reader = await admin.openDocument(threadDocumentName(seed.general.id, first.threadId));
    await reader.until("the first thread", () => reader.doc.getMap("messages").size === 1);
    // Every client leaves: the thread documents and the channel document the server loaded to
    // write their digests unload, once idle for OPENVIBE_DOCUMENT_IDLE_MS.
    expect(server.hocuspocus.getDocumentsCount()).toBeGreaterThan(loadedAtStart);
    member.close();
    admin.close();
    await pollUntil(
      "every document unloaded",
      async () => server.hocuspocus.getDocumentsCount() === loadedAtStart,
    );
  });
});
