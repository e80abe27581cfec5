// GET /api/mentions against a real server: messages written by real providers through schema
// operations name people by handle; the inbox lists, per person, what others wrote to them in
// the channels they can read now, newest first, and follows edits, deletions and membership.
import { deleteMessage, editMessage, type MentionsPage, postMessage } from "@openvibe/schema";
import { beforeAll, describe, expect, it } from "vitest";
import { addMember, removeMember } from "../src/channels/channels.ts";
import { ApiClient } from "./support/api-client.ts";
import {
  buildSearchWorld,
  indexed,
  openWriters,
  type SearchWorld,
  thread,
} from "./support/search-world.ts";
import { startTestServer, useSharedTestServer } from "./support/test-server.ts";
import { PASSWORD } from "./support/workspace-fixture.ts";

async function inbox(client: ApiClient, query = ""): Promise<MentionsPage> {
  const response = await client.get<MentionsPage>(`/api/mentions${query}`);
  if (response.status !== 200)
    throw new Error(`mentions answered ${response.status}: ${JSON.stringify(response.body)}`);
  return response.body;
}

const idsOf = (page: MentionsPage) => page.mentions.map((mention) => mention.messageId);

describe("the mentions inbox", () => {
  const server = useSharedTestServer();
  let w: SearchWorld;
  beforeAll(async () => {
    w = await buildSearchWorld(server());
  });

  it("lists what others wrote to a person, where they can read it, newest first", async () => {
    const { generalDoc, secretDoc, agentGeneralDoc } = await openWriters(w);
    const guest = `@${w.guest.user.handle}`;
    const inPublic = await thread(generalDoc, w.memberActor, `${guest} the public plan`);
    const inPrivate = await thread(
      secretDoc,
      w.memberActor,
      `${guest.toUpperCase()} the secret plan`,
    );
    const toMember = await thread(agentGeneralDoc, w.agentActor, `done, @${w.member.user.handle}`);
    await thread(generalDoc, w.memberActor, `a note to myself @${w.member.user.handle}`);
    await indexed(w.server, generalDoc, secretDoc, agentGeneralDoc);

    // The guest is only in the private channel.
    const forGuest = await inbox(w.guest.client);
    expect(idsOf(forGuest)).toEqual([inPrivate.messageId]);
    expect(forGuest.mentions[0]).toMatchObject({
      channelId: w.secret.id,
      channelName: w.secret.name,
      threadId: inPrivate.threadId,
      forkId: null,
      author: w.memberActor,
      excerpt: `${guest.toUpperCase()} the secret plan`,
    });
    expect(forGuest.nextCursor).toBeNull();
    // The member sees the agent's mention, not their own note.
    expect(idsOf(await inbox(w.member.client))).toEqual([toMember.messageId]);
    // Added to the public channel, the guest sees its mention too (newest first); removed, not.
    addMember(w.server.ctx, w.admin.user, w.general.id, w.guest.user.id);
    expect(idsOf(await inbox(w.guest.client))).toEqual([inPrivate.messageId, inPublic.messageId]);
    removeMember(w.server.ctx, w.admin.user, w.general.id, w.guest.user.id);
    expect(idsOf(await inbox(w.guest.client))).toEqual([inPrivate.messageId]);
  });

  it("follows edits and deletions", async () => {
    const { secretDoc } = await openWriters(w);
    const guest = `@${w.guest.user.handle}`;
    const edited = await thread(secretDoc, w.memberActor, "no one named yet");
    const doc = secretDoc.doc(edited.threadId);
    const deleted = postMessage(doc, w.memberActor, {
      threadId: edited.threadId,
      body: `${guest} this goes away`,
    });
    const unnamed = postMessage(doc, w.memberActor, {
      threadId: edited.threadId,
      body: `${guest} this stays a moment`,
    });
    await indexed(w.server, secretDoc);
    const before = idsOf(await inbox(w.guest.client));
    expect(before.slice(0, 2)).toEqual([unnamed, deleted]);

    editMessage(doc, w.memberActor, {
      messageId: edited.messageId,
      body: `now ${guest}`,
    });
    editMessage(doc, w.memberActor, { messageId: unnamed, body: "no one after all" });
    deleteMessage(doc, w.memberActor, { messageId: deleted });
    await indexed(w.server, secretDoc);
    const after = idsOf(await inbox(w.guest.client));
    expect(after).toContain(edited.messageId);
    expect(after).not.toContain(deleted);
    expect(after).not.toContain(unnamed);
  });

  it("pages newest first without gaps or repeats, and refuses a made-up cursor", async () => {
    const { secretDoc } = await openWriters(w);
    const { threadId } = await thread(secretDoc, w.memberActor, "paging");
    for (let i = 0; i < 5; i++)
      postMessage(secretDoc.doc(threadId), w.memberActor, {
        threadId,
        body: `@${w.guest.user.handle} page ${i}`,
      });
    await indexed(w.server, secretDoc);
    const all = idsOf(await inbox(w.guest.client, "?limit=100"));
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = `?limit=2${cursor === null ? "" : `&cursor=${cursor}`}`;
      const page = await inbox(w.guest.client, query);
      expect(page.mentions.length).toBeLessThanOrEqual(2);
      paged.push(...idsOf(page));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(paged).toEqual(all);
    expect(all.length).toBeGreaterThanOrEqual(5);

    const bad = await w.guest.client.get("/api/mentions?cursor=1%27%20OR%201=1");
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ error: { code: "validation_failed" } });
    expect((await w.anonymous.get("/api/mentions")).status).toBe(401);
  });
});

describe("upgrading to the mentions inbox", () => {
  it("indexes the mentions of messages indexed before, at the next start", async () => {
    const server = await startTestServer();
    const w = await buildSearchWorld(server.current);
    const { secretDoc } = await openWriters(w);
    const older = await thread(secretDoc, w.memberActor, `@${w.guest.user.handle} from last year`);
    await indexed(w.server, secretDoc);
    // As rows written before the upgrade: no mentions known.
    server.current.ctx.db.$client.exec("UPDATE search_messages SET mentions = NULL");
    expect(idsOf(await inbox(w.guest.client))).toEqual([]);

    const restarted = await server.restart();
    const guest = new ApiClient(restarted.url);
    await guest.post("/api/auth/login", { email: w.guest.user.email, password: PASSWORD });
    expect(idsOf(await inbox(guest))).toEqual([older.messageId]);
  });
});
