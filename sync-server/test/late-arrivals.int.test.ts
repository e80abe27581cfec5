// A message the server receives long after it was written (typed offline, synced later) is
// marked with its arrival time in the document, so every peer, the author's too, can show it
// as "sent while offline"; a message that arrives on time is not marked.
import {
  type Actor,
  createManualEnv,
  LATE_ARRIVAL_THRESHOLD_MS,
  lateArrivalOf,
  postMessage,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { channelReplica } from "./support/channel-replica.ts";
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
    const written = channelReplica(author, seed.general.id);
    const read = channelReplica(reader, seed.general.id);
    const member: Actor = { kind: "human", id: seed.member.user.id };

    const today = await written.createThread(member, { title: "Today", body: "Leaving now" });
    // Written ten minutes ago on a train: the clock of its stamps is that old.
    const onTheTrain = createManualEnv({
      idPrefix: "offline-",
      startMs: Date.now() - 10 * LATE_ARRIVAL_THRESHOLD_MS,
    });
    const trip = await written.createThread(member, { title: "Trip", body: "Tickets" }, onTheTrain);
    onTheTrain.advance(30_000);
    const offline = postMessage(
      trip.thread.doc,
      member,
      { threadId: trip.threadId, body: "In the tunnel" },
      onTheTrain,
    );
    await written.acknowledged();

    const readTrip = await read.open(trip.threadId);
    await readTrip.until(
      "the offline message is marked",
      () => lateArrivalOf(readTrip.doc, offline) !== undefined,
    );
    await trip.thread.until(
      "the author sees the mark too",
      () => lateArrivalOf(trip.thread.doc, offline) !== undefined,
    );
    expect(lateArrivalOf(readTrip.doc, offline)).toBeGreaterThanOrEqual(Date.now() - 60_000);
    const readToday = await read.open(today.threadId);
    expect(lateArrivalOf(readToday.doc, today.messageId)).toBeUndefined();
    expect(lateArrivalOf(today.thread.doc, today.messageId)).toBeUndefined();
  });
});
