// The projections of channel messages (search index, agent-mention tasks, attachment references,
// push) run once per turn for a whole burst of updates (collaboration/message-projections.ts):
// against a real server and real providers, a burst still leaves every message searchable
// without anyone flushing, queues one task per mention, and nothing waiting is lost when the
// server stops.
import { postMessage, threadDocumentName } from "@openvibe/schema";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { agentTasks } from "../src/db/schema.ts";
import { channelReplica } from "./support/channel-replica.ts";
import { connectPeer } from "./support/peers.ts";
import { buildSearchWorld, openWriters, search } from "./support/search-world.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer } from "./support/test-server.ts";
import { pollUntil } from "./support/wait-for.ts";

const BURST = 200;

describe("message projections", () => {
  it("index every message of a burst and queue one task per agent mention", async () => {
    const server = (await startTestServer()).current;
    const w = await buildSearchWorld(server);
    const { generalDoc } = await openWriters(w);
    const { threadId, thread } = await generalDoc.createThread(w.memberActor, {
      title: "burst",
      body: "burst opening",
    });
    // One update per message, all sent at once: the server takes them in a few turns.
    const posted: string[] = [];
    const mentioning: string[] = [];
    for (let i = 1; i < BURST; i++) {
      const mention = i % 20 === 0;
      const id = postMessage(thread.doc, w.memberActor, {
        threadId,
        body: `burst number${i}${mention ? " @claude please look" : ""}`,
      });
      posted[i] = id;
      if (mention) mentioning.push(id);
    }
    await thread.acknowledged();

    // Nobody flushes: the index takes the burst shortly after it was acknowledged.
    await pollUntil("the whole burst in the index", async () => {
      const result = await search(w.member.client, "burst ");
      return result.total.count === BURST;
    });
    for (const i of [1, 77, BURST - 1]) {
      const result = await search(w.member.client, `number${i} `);
      expect(result.hits.map((hit) => hit.messageId)).toEqual([posted[i]]);
    }

    const mentionTasks = () =>
      server.ctx.db
        .select({ trigger: agentTasks.triggerMessageId })
        .from(agentTasks)
        .where(eq(agentTasks.kind, "mention"))
        .all()
        .map((task) => task.trigger);
    await pollUntil(
      "a task for every mention",
      async () => mentionTasks().length >= mentioning.length,
    );
    expect(mentionTasks().sort()).toEqual([...mentioning].sort());
  });

  it("keep following a thread document that unloaded and loaded again", async () => {
    const server = (await startTestServer()).current;
    const w = await buildSearchWorld(server);
    const unloaded = async (name: string) => {
      await pollUntil(`${name} to unload`, async () => !server.hocuspocus.documents.has(name));
    };
    const memberPeer = async () =>
      connectPeer(server.websocketUrl, { token: await webSocketToken(w.member.client) });
    const opener = await memberPeer();
    const started = await channelReplica(opener, w.general.id).createThread(w.memberActor, {
      title: "look",
      body: "@claude first look",
    });
    const name = threadDocumentName(w.general.id, started.threadId);
    opener.close();
    await unloaded(name);
    // Loaded again by a new connection, the same thread document takes a second mention.
    const again = await memberPeer();
    const reopened = await again.openDocument(name);
    const second = postMessage(reopened.doc, w.memberActor, {
      threadId: started.threadId,
      body: "@claude second look",
    });
    await reopened.acknowledged();
    again.close();
    await unloaded(name);
    const first = started.messageId;
    const triggers = server.ctx.db
      .select({ trigger: agentTasks.triggerMessageId })
      .from(agentTasks)
      .all()
      .map((task) => task.trigger);
    expect(triggers.sort()).toEqual([first, second].sort());
    await pollUntil(
      "both in the index",
      async () => (await search(w.member.client, "look ")).total.count === 2,
    );
  });

  it("write what waits for the index when the server stops", async () => {
    const test = await startTestServer();
    const w = await buildSearchWorld(test.current);
    const { generalDoc } = await openWriters(w);
    const { threadId, thread } = await generalDoc.createThread(w.memberActor, {
      title: "last words",
      body: "stopping opening",
    });
    for (let i = 1; i < 50; i++) {
      postMessage(thread.doc, w.memberActor, { threadId, body: `stopping word${i}` });
    }
    await thread.acknowledged();
    // Stopped at once, within the index's batching delay.
    await test.restartOnSamePort();
    const result = await search(w.member.client, "stopping ");
    expect(result.total.count).toBe(50);
  });
});
