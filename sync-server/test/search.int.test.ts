// GET /api/search against a real server: messages written by real providers through schema
// operations on thread documents (split channels), indexed by the search projection, found (or
// not) over HTTP.
import {
  appendToReply,
  createFork,
  deleteMessage,
  editMessage,
  finishAgentReply,
  listThreads,
  pinMessage,
  postMessage,
  startAgentReply,
  threadView,
} from "@openvibe/schema";
import { beforeAll, describe, expect, it } from "vitest";
import {
  buildSearchWorld,
  envAt,
  indexed,
  openWriters,
  type SearchWorld,
  search,
  snippets,
  thread,
} from "./support/search-world.ts";
import { useSharedTestServer } from "./support/test-server.ts";

describe("search", () => {
  const server = useSharedTestServer();
  let w: SearchWorld;
  beforeAll(async () => {
    w = await buildSearchWorld(server());
  });
  const find = (q: string) => search(w.member.client, q);

  it("folds case and accents and finds CJK, emoji, Cyrillic and right-to-left text", async () => {
    const { generalDoc } = await openWriters(w);
    for (const body of [
      "東京で会議があります",
      "Café au lait at the DÉJÀ VU bar",
      "party🎉tonight with 👍🏽 everyone",
      "שלום עולם from Tel Aviv",
      "Привет мир",
      "서울에서 만나요",
    ])
      await thread(generalDoc, w.memberActor, body);
    await indexed(w.server, generalDoc);
    expect(snippets(await find("東京 "))).toEqual(["[東京]で会議があります"]);
    expect(snippets(await find("会議 "))).toEqual(["東京で[会議]があります"]);
    expect(snippets(await find("cafe deja "))).toEqual(["[Café] au lait at the [DÉJÀ] VU bar"]);
    expect(snippets(await find("🎉 "))).toEqual(["party[🎉]tonight with 👍🏽 everyone"]);
    expect(snippets(await find("👍 "))).toEqual(["party🎉tonight with [👍]🏽 everyone"]);
    expect(snippets(await find("עולם "))).toEqual(["שלום [עולם] from Tel Aviv"]);
    expect(snippets(await find("МИР "))).toEqual(["Привет [мир]"]);
    expect(snippets(await find("서울"))).toEqual(["[서울에서] 만나요"]);
  });

  it("matches the word being typed as a prefix and common English endings", async () => {
    const { generalDoc } = await openWriters(w);
    await thread(generalDoc, w.memberActor, "We deployed the payments service");
    await indexed(w.server, generalDoc);
    expect(snippets(await find("paym"))).toEqual(["We deployed the [payments] service"]);
    expect((await find("deploying services ")).hits).toHaveLength(1);
    expect((await find("paym ")).hits).toHaveLength(0);
  });

  it("matches exact phrases", async () => {
    const { generalDoc } = await openWriters(w);
    await thread(generalDoc, w.memberActor, "the quarterly report draft is ready");
    await thread(generalDoc, w.memberActor, "a draft of the quarterly plan");
    await indexed(w.server, generalDoc);
    expect((await find("quarterly draft ")).hits).toHaveLength(2);
    expect(snippets(await find('"quarterly report"'))).toEqual([
      "the [quarterly report] draft is ready",
    ]);
  });

  it("filters by channel, author (agents too), fork, pin, date and link", async () => {
    const { generalDoc, secretDoc, agentGeneralDoc } = await openWriters(w);
    const { threadId, messageId } = await thread(generalDoc, w.memberActor, "walrus plan one");
    const old = await thread(
      generalDoc,
      w.memberActor,
      "walrus from long ago",
      envAt("2020-01-15"),
    );
    await thread(secretDoc, w.memberActor, "walrus in private");
    const walrus = generalDoc.doc(threadId);
    pinMessage(walrus, w.memberActor, { messageId });
    const forkId = createFork(walrus, w.memberActor, { messageId, title: "side" });
    postMessage(walrus, w.memberActor, { threadId, forkId, body: "walrus in a fork" });
    await indexed(w.server, generalDoc, secretDoc);
    // The member's acknowledgement and the agent's copy of the thread travel on two sockets.
    const agentWalrus = await agentGeneralDoc.open(threadId);
    await agentWalrus.until(
      "the agent's replica to hold the thread",
      () => threadView(agentWalrus.doc, threadId) !== undefined,
    );
    const reply = startAgentReply(agentWalrus.doc, w.agentActor, { threadId, taskId: "t1" });
    appendToReply(agentWalrus.doc, w.agentActor, {
      messageId: reply,
      taskId: "t1",
      text: "walrus says the agent",
    });
    await indexed(w.server, agentGeneralDoc);

    const bodies = async (q: string) => snippets(await find(q)).map((s) => s.replace(/[[\]]/g, ""));
    expect(await bodies("walrus ")).toHaveLength(5);
    expect(await bodies("walrus in:#secret-plans")).toEqual(["walrus in private"]);
    expect(await bodies("walrus from:@claude")).toEqual(["walrus says the agent"]);
    expect(await bodies("walrus in:fork")).toEqual(["walrus in a fork"]);
    expect(await bodies("walrus is:pinned has:fork")).toEqual(["walrus plan one"]);
    expect(await bodies("walrus before:2021-01-01")).toEqual(["walrus from long ago"]);
    expect(await bodies("walrus after:2020-01-15")).toHaveLength(4);
    expect(await bodies("walrus after:2020-01-14 before:2020-01-16")).toEqual([
      "walrus from long ago",
    ]);
    expect(await bodies("in:#secret-plans walrus from:@nobody")).toEqual([]);
    const hit = (await find("walrus from:@claude")).hits[0];
    expect(hit).toMatchObject({
      channelId: w.general.id,
      channelName: "town-square",
      threadId,
      author: w.agentActor,
    });
    expect(old.messageId).not.toBe(messageId);
    expect((await find("is:pinned")).hits.map((h) => h.messageId)).toContain(messageId);

    postMessage(walrus, w.memberActor, {
      threadId,
      body: "walrus notes at https://example.com/walrus.",
    });
    await indexed(w.server, generalDoc);
    expect(await bodies("walrus has:link")).toEqual([
      "walrus notes at https://example.com/walrus.",
    ]);
  });

  it("finds edited messages by their new text and loses deleted ones at once", async () => {
    const { generalDoc } = await openWriters(w);
    const { threadId, messageId } = await thread(generalDoc, w.memberActor, "the octopus escaped");
    await indexed(w.server, generalDoc);
    editMessage(generalDoc.doc(threadId), w.memberActor, { messageId, body: "the squid escaped" });
    await indexed(w.server, generalDoc);
    expect((await find("octopus ")).hits).toHaveLength(0);
    expect(snippets(await find("squid "))).toEqual(["the [squid] escaped"]);

    deleteMessage(generalDoc.doc(threadId), w.memberActor, { messageId });
    await generalDoc.acknowledged();
    // No flush: a deletion leaves the index inside the change that deleted it.
    expect(await find("squid ")).toMatchObject({ hits: [], total: { count: 0 } });
  });

  it("indexes a streamed agent reply in a few writes and finds its whole text", async () => {
    const { generalDoc, agentGeneralDoc } = await openWriters(w);
    const { threadId } = await thread(generalDoc, w.memberActor, "@claude what is a narwhal");
    await indexed(w.server, generalDoc);
    const agentThread = await agentGeneralDoc.open(threadId);
    const doc = agentThread.doc;
    await agentThread.until("the thread on the agent's replica", () =>
      listThreads(doc).some((t) => t.id === threadId),
    );
    const reply = startAgentReply(doc, w.agentActor, { threadId, taskId: "t2" });
    for (const text of ["A narwhal ", "is a whale ", "with a long ", "tusk."])
      appendToReply(doc, w.agentActor, { messageId: reply, taskId: "t2", text });
    finishAgentReply(doc, w.agentActor, { messageId: reply, taskId: "t2", status: "completed" });
    await indexed(w.server, agentGeneralDoc);
    expect(snippets(await find("tusk "))).toEqual(["A narwhal is a whale with a long [tusk]."]);
  });

  it("tolerates a small typo when nothing matches exactly", async () => {
    const { generalDoc } = await openWriters(w);
    await thread(generalDoc, w.memberActor, "the kubernetes cluster upgrade");
    await indexed(w.server, generalDoc);
    const result = await find("kubernetse upgrade ");
    expect(snippets(result)).toEqual(["the [kubernetes] cluster [upgrade]"]);
    expect(result.corrections).toEqual([{ word: "kubernetse", triedInstead: ["kubernetes"] }]);
  });

  it("pages by cursor without repeats, and later messages do not shift the pages", async () => {
    const { generalDoc } = await openWriters(w);
    for (let i = 0; i < 7; i++) await thread(generalDoc, w.memberActor, `pangolin number ${i}`);
    await indexed(w.server, generalDoc);
    const seen: string[] = [];
    let page = await search(w.member.client, "pangolin ", { limit: 3 });
    expect(page.total).toEqual({ count: 7, capped: false });
    await thread(generalDoc, w.memberActor, "pangolin latecomer");
    await indexed(w.server, generalDoc);
    for (;;) {
      seen.push(...page.hits.map((hit) => hit.snippet));
      if (page.nextCursor === null) break;
      page = await search(w.member.client, "pangolin ", { limit: 3, cursor: page.nextCursor });
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    expect(seen.join()).not.toContain("latecomer");
    const bad = await w.member.client.get("/api/search?q=x&cursor=nonsense");
    expect(bad.status).toBe(400);
  });
});
