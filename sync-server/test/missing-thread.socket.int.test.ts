// Opening a thread document that does not exist, with the real server and providers: a member
// following a link to a missing thread and a read-only guest get an empty document and store
// nothing (every SQLite row as before, once the documents unloaded), and they are counted neither
// towards the channel's cap of threads nor towards anyone's rate of new threads: a member then
// creates exactly the cap and the burst of real threads. The write that creates a thread is what
// counts (threads/thread-bounds.ts).
import { type Actor, CLOSE_CODES, defaultEnv, threadDocumentName } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import type { UserRecord } from "../src/accounts/principal.ts";
import { newThreadContent } from "./support/channel-replica.ts";
import { databaseFingerprint } from "./support/database-fingerprint.ts";
import { connectPeer } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { firstWrite, startThreadDocument } from "./support/split-channels.ts";
import { startTestServer } from "./support/test-server.ts";
import { pollUntil } from "./support/wait-for.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

const actorOf = (user: UserRecord): Actor => ({ kind: user.kind, id: user.id });

describe("a thread document that does not exist", () => {
  it("stores nothing and counts nowhere when readers open it; the first write creates it", async () => {
    const test = await startTestServer({
      OPENVIBE_MAX_THREADS_PER_CHANNEL: "2",
      OPENVIBE_NEW_THREADS_BURST: "2",
      OPENVIBE_NEW_THREADS_PER_MINUTE: "1",
      OPENVIBE_DOCUMENT_IDLE_MS: "200",
      OPENVIBE_INDEX_HOLD_MS: "50",
    });
    const server = test.current;
    const seed = await seedWorkspace(server);
    const memberToken = await webSocketToken(seed.member.client);
    const guestToken = await webSocketToken(seed.guest.client);
    const loadedAtStart = server.hocuspocus.getDocumentsCount();
    const before = databaseFingerprint(server);

    // A member follows links to missing threads of the private channel (again and again), and a
    // read-only guest of that channel does too: each is an empty document, nothing more.
    const missing = Array.from({ length: 3 }, () =>
      threadDocumentName(seed.secret.id, defaultEnv.newId()),
    );
    for (const visit of [missing, missing.slice(0, 1)]) {
      const readers = [memberToken, guestToken].map((token) =>
        connectPeer(server.websocketUrl, { token }),
      );
      for (const name of visit) {
        for (const reader of readers) {
          const opened = await reader.openDocument(name);
          expect(opened.doc.store.clients.size, name).toBe(0);
        }
      }
      for (const reader of readers) reader.close();
    }
    await pollUntil(
      "the missing threads' documents unloaded",
      async () => server.hocuspocus.getDocumentsCount() === loadedAtStart,
    );
    expect(databaseFingerprint(server)).toBe(before);

    // Neither the cap (2) nor the member's burst (2) was touched: two threads are created; the
    // third is refused by the cap.
    const author = connectPeer(server.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    const actor = actorOf(seed.member.user);
    const first = await startThreadDocument(author, seed.secret.id, actor, {
      title: "one",
      body: "one",
    });
    await startThreadDocument(author, seed.secret.id, actor, { title: "two", body: "two" });
    const third = newThreadContent(actor, { title: "three", body: "three" });
    const refused = await firstWrite(
      await author.openDocument(threadDocumentName(seed.secret.id, third.threadId)),
      third.update,
    );
    expect(refused).toBe(CLOSE_CODES.channelFull.reason);
    // A guest opening a created thread gets it whole.
    const reader = connectPeer(server.websocketUrl, {
      token: await webSocketToken(seed.guest.client),
    });
    const copy = await reader.openDocument(threadDocumentName(seed.secret.id, first.threadId));
    await copy.until("the first thread", () => copy.doc.getMap("messages").size === 1);
  });
});
