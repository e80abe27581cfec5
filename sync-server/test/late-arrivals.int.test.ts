// A message the server receives long after it was written (typed offline, synced later) is
// marked with its arrival time in the document, so every peer, the author's too, can show it
// as "sent while offline"; a message that arrives on time is not marked.
import {
  type Actor,
  createManualEnv,
  createThread,
  LATE_ARRIVAL_THRESHOLD_MS,
  lateArrivalOf,
  postMessage,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { connectPeer } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

describe("late arrivals", () => {
  it("marks messages written offline on every peer, and only those", async () => {
    const server = await startTestServer();
    const seed = await seedWorkspace(server.current);
    const author = connectPeer(server.current.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    const reader = connectPeer(server.current.websocketUrl, {
      token: await webSocketToken(seed.admin.client),
    });
    const written = await author.open(seed.general.id);
    const read = await reader.open(seed.general.id);
    const member: Actor = { kind: "human", id: seed.member.user.id };

    const { messageId: onTime } = createThread(written.doc, member, {
      title: "Today",
      body: "Leaving now",
    });
    // Written ten minutes ago on a train: the clock of its stamps is that old.
    const onTheTrain = createManualEnv({
      idPrefix: "offline-",
      startMs: Date.now() - 10 * LATE_ARRIVAL_THRESHOLD_MS,
    });
    const { threadId } = createThread(
      written.doc,
      member,
      { title: "Trip", body: "Tickets" },
      onTheTrain,
    );
    onTheTrain.advance(30_000);
    const offline = postMessage(
      written.doc,
      member,
      { threadId, body: "In the tunnel" },
      onTheTrain,
    );
    await written.acknowledged();

    await read.until(
      "the offline message is marked",
      () => lateArrivalOf(read.doc, offline) !== undefined,
    );
    await written.until(
      "the author sees the mark too",
      () => lateArrivalOf(written.doc, offline) !== undefined,
    );
    expect(lateArrivalOf(read.doc, offline)).toBeGreaterThanOrEqual(Date.now() - 60_000);
    expect(lateArrivalOf(read.doc, onTime)).toBeUndefined();
  });
});
