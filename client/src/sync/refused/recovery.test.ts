import "fake-indexeddb/auto";
import {
  type Actor,
  createFork,
  createManualEnv,
  createThread,
  forkView,
  initChannel,
  postMessage,
  threadView,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { LocalDatabase } from "../../local/database.ts";
import { KeptCopies } from "./kept-copies.ts";
import { ownMessages, unsentMessages } from "./own-messages.ts";
import { recoverKeptCopies, type SyncedCopy } from "./recovery.ts";

const admin: Actor = { kind: "human", id: "admin" };
const member: Actor = { kind: "human", id: "member" };
const env = createManualEnv({ idPrefix: "m" });

/** The server's channel: a thread with a fork; and the member's copy of it. */
function channel() {
  const server = new Y.Doc();
  initChannel(server, "c1");
  const { threadId, messageId } = createThread(server, admin, { title: "Plans", body: "hi" }, env);
  postMessage(server, member, { threadId, body: "accepted earlier" }, env);
  const forkId = createFork(server, admin, { messageId, title: "Side" }, env);
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(server));
  return { server, copy, threadId, forkId };
}

function synced(doc: Y.Doc, writable = true): SyncedCopy {
  return {
    channelId: "c1",
    threadId: null,
    doc,
    writable: () => writable,
    settled: async () => "acknowledged",
  };
}

let databases = 0;
function keptCopies(): KeptCopies {
  databases += 1;
  return new KeptCopies(new LocalDatabase(`kept-${databases}`), member.id);
}

function bodies(messages: readonly { body: string }[]): string[] {
  return messages.map((m) => m.body);
}

describe("own unsent messages", () => {
  it("lists the person's messages the server lacks, not those it accepted or others wrote", () => {
    const { server, copy, threadId } = channel();
    postMessage(copy, member, { threadId, body: "offline one" }, env);
    postMessage(copy, admin, { threadId, body: "not mine" }, env);
    postMessage(copy, member, { threadId, body: "offline two" }, env);

    const own = ownMessages(copy, member.id);
    expect(bodies(own)).toEqual(["accepted earlier", "offline one", "offline two"]);
    expect(bodies(unsentMessages(own, server))).toEqual(["offline one", "offline two"]);
    expect(unsentMessages(own, server)[0]).toMatchObject({ threadId, forkId: null });
  });
});

describe("recovering a refused copy", () => {
  it("re-posts the unsent messages into their thread and fork, and says so until dismissed", async () => {
    const { server, copy, threadId, forkId } = channel();
    postMessage(copy, member, { threadId, body: "in the thread" }, env);
    postMessage(copy, member, { threadId, forkId, body: "in the fork" }, env);
    const copies = keptCopies();
    await copies.keep("c1", copy);

    await recoverKeptCopies(synced(server), { copies, actor: member, mayWrite: async () => true });

    expect(bodies(threadView(server, threadId)?.messages ?? [])).toEqual([
      "hi",
      "accepted earlier",
      "in the thread",
    ]);
    expect(bodies(forkView(server, forkId)?.messages ?? [])).toEqual(["in the fork"]);
    const [kept, ...others] = await copies.forChannel("c1");
    expect(others).toEqual([]);
    expect(kept).toMatchObject({ state: "kept", messages: [], reposted: 2 });
    await recoverKeptCopies(synced(server), { copies, actor: member, mayWrite: async () => true });
    expect(bodies(forkView(server, forkId)?.messages ?? [])).toEqual(["in the fork"]);
    if (kept !== undefined) await copies.dismiss(kept.id);
    expect(await copies.forChannel("c1")).toEqual([]);
  });

  it("keeps the messages whose thread the server does not have", async () => {
    const { server, copy, threadId } = channel();
    const offline = createThread(copy, member, { title: "New", body: "new thread" }, env);
    postMessage(copy, member, { threadId: offline.threadId, body: "reply there" }, env);
    postMessage(copy, member, { threadId, body: "reposted" }, env);
    const copies = keptCopies();
    await copies.keep("c1", copy);

    await recoverKeptCopies(synced(server), { copies, actor: member, mayWrite: async () => true });

    const [kept] = await copies.forChannel("c1");
    expect(kept?.state).toBe("kept");
    expect(bodies(kept?.messages ?? [])).toEqual(["new thread", "reply there"]);
    expect(bodies(threadView(server, threadId)?.messages ?? []).at(-1)).toBe("reposted");
  });

  it("keeps everything when the person may no longer write there", async () => {
    const { server, copy, threadId } = channel();
    postMessage(copy, member, { threadId, body: "written offline" }, env);
    const before = Y.encodeStateAsUpdate(server);
    for (const check of [
      { socket: false, metadata: true },
      { socket: true, metadata: false },
    ]) {
      const copies = keptCopies();
      await copies.keep("c1", copy);
      await recoverKeptCopies(synced(server, check.socket), {
        copies,
        actor: member,
        mayWrite: async () => check.metadata,
      });
      const [kept] = await copies.forChannel("c1");
      expect(kept?.state).toBe("kept");
      expect(bodies(kept?.messages ?? [])).toEqual(["written offline"]);
      expect(kept?.update).toEqual(Y.encodeStateAsUpdate(copy));
    }
    expect(Y.encodeStateAsUpdate(server)).toEqual(before);
  });

  it("never re-posts a copy refused while its re-posts were unacknowledged", async () => {
    const { server, copy, threadId } = channel();
    postMessage(copy, member, { threadId, body: "written offline" }, env);
    const copies = keptCopies();
    await copies.keep("c1", copy);
    const fresh = new Y.Doc();
    Y.applyUpdate(fresh, Y.encodeStateAsUpdate(server));
    const refusedAgain: SyncedCopy = {
      ...synced(fresh),
      settled: async () => {
        await copies.keep("c1", fresh); // what the registry does on the second refusal
        return "refused";
      },
    };

    await recoverKeptCopies(refusedAgain, { copies, actor: member, mayWrite: async () => true });
    await recoverKeptCopies(synced(server), { copies, actor: member, mayWrite: async () => true });

    const states = (await copies.forChannel("c1")).map((c) => [c.state, bodies(c.messages)]);
    expect(states).toEqual([
      ["kept", []],
      ["kept", ["accepted earlier", "written offline"]],
    ]);
    expect(bodies(threadView(server, threadId)?.messages ?? [])).toEqual([
      "hi",
      "accepted earlier",
    ]);
  });
});
