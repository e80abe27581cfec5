// The group commit stores updates in batches and holds back every frame that would tell anyone
// about them until their batch is on disk. A commit that fails (here: a trigger refusing the
// inserts, as a full disk would) acknowledges nothing and forwards nothing, to peers already
// there or opening the channel meanwhile; once storage works again everything goes out, stored.
import { threadDocumentName, threadView } from "@openvibe/schema";
import { describe, expect, it, onTestFinished } from "vitest";
import * as Y from "yjs";
import { openDatabase } from "../src/db/open-database.ts";
import { startServer } from "../src/server.ts";
import { SqliteDocumentStore } from "../src/storage/sqlite-document-store.ts";
import { capturedLog } from "./support/captured-log.ts";
import { newThreadContent } from "./support/channel-replica.ts";
import { failInserts } from "./support/failing-inserts.ts";
import { connectPeer } from "./support/peers.ts";
import { temporaryDataDir, testConfig } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

async function storedThreadTitle(dataDir: string, documentName: string, threadId: string) {
  const db = openDatabase(dataDir, { synchronous: "normal" });
  const store = new SqliteDocumentStore(db, { synchronous: "normal" });
  try {
    const stored = store.load(documentName);
    const doc = new Y.Doc();
    if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
    return threadView(doc, threadId)?.thread.title;
  } finally {
    await store.close();
    db.$client.close();
  }
}

describe("group commit", () => {
  it("acknowledges and forwards nothing while commits fail, everything once they work", async () => {
    const dataDir = temporaryDataDir();
    const log = capturedLog();
    const server = await startServer(testConfig(dataDir), log.logger);
    let closed = false;
    onTestFinished(async () => {
      if (!closed) await server.close();
    });
    const seed = await seedWorkspace(server);
    const channelId = seed.general.id;
    const actor = { kind: "agent", id: seed.agent.user.id } as const;
    // The channel is split: the thread is written into its own document, open on both peers.
    const started = newThreadContent(actor, { title: "held back", body: "hello" });
    const { threadId } = started;
    const name = threadDocumentName(channelId, threadId);
    const writer = await connectPeer(server.websocketUrl, {
      token: seed.agent.apiKey,
    }).openDocument(name);
    const receiver = await connectPeer(server.websocketUrl, {
      token: seed.agent.apiKey,
    }).openDocument(name);

    const diskBack = failInserts(server.ctx.db.$client);
    Y.applyUpdate(writer.doc, started.update);
    await log.until(
      "a commit to fail twice",
      (e) => e.msg?.startsWith("could not store updates") === true && e.attempt === 2,
    );
    let lateOpened = false;
    const late = connectPeer(server.websocketUrl, { token: seed.agent.apiKey }).openDocument(name);
    void late.then(() => {
      lateOpened = true;
    });
    await log.until(
      "a third failed commit, after the late peer asked for the channel",
      (e) => e.msg?.startsWith("could not store updates") === true && e.attempt === 3,
    );
    expect(writer.provider.hasUnsyncedChanges).toBe(true);
    expect(threadView(receiver.doc, threadId)).toBeUndefined();
    expect(lateOpened).toBe(false);

    diskBack();
    await writer.acknowledged();
    await receiver.until("the thread to reach the receiver", () => {
      return threadView(receiver.doc, threadId) !== undefined;
    });
    expect(threadView((await late).doc, threadId)?.thread.title).toBe("held back");
    expect(log.entries.some((e) => e.msg === "storing updates works again")).toBe(true);

    closed = true;
    await server.close();
    expect(await storedThreadTitle(dataDir, name, threadId)).toBe("held back");
  });
});
