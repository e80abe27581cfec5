import { describe, expect, it } from "vitest";
import {
  createThread,
  LATE_ARRIVAL_THRESHOLD_MS,
  lateArrivalOf,
  postMessage,
  recordLateArrivals,
  validateChannelDocument,
} from "../src/index.ts";
import { alice, newChannel, syncInto } from "./support/channel.ts";

describe("late arrivals (sent while offline)", () => {
  it("records a message received long after it was written, and only that one", () => {
    const { doc, env } = newChannel();
    const created = createThread(doc, alice, { title: "t", body: "live" }, env);
    const { messageId: onTime, threadId } = created;
    const offline = postMessage(doc, alice, { threadId, body: "on the train" }, env);
    const writtenAt = env.now();

    const receivedAt = writtenAt + LATE_ARRIVAL_THRESHOLD_MS + 1;
    expect(recordLateArrivals(doc, [offline], receivedAt)).toEqual([offline]);
    expect(recordLateArrivals(doc, [onTime], writtenAt + 2_000)).toEqual([]);

    expect(lateArrivalOf(doc, offline)).toBe(receivedAt);
    expect(lateArrivalOf(doc, onTime)).toBeUndefined();
    expect(validateChannelDocument(doc)).toEqual([]);
  });

  it("keeps the first arrival: a second server pass changes nothing", () => {
    const { doc, env } = newChannel();
    const { messageId } = createThread(doc, alice, { title: "t", body: "hi" }, env);
    const first = env.now() + 10 * LATE_ARRIVAL_THRESHOLD_MS;
    recordLateArrivals(doc, [messageId], first);
    expect(recordLateArrivals(doc, [messageId], first + 5_000)).toEqual([]);
    expect(lateArrivalOf(doc, messageId)).toBe(first);
  });

  it("reaches every replica like any other change", () => {
    const server = newChannel();
    const { messageId } = createThread(server.doc, alice, { title: "t", body: "x" }, server.env);
    const receivedAt = server.env.now() + 2 * LATE_ARRIVAL_THRESHOLD_MS;
    recordLateArrivals(server.doc, [messageId], receivedAt);
    const peer = newChannel();
    syncInto(server.doc, peer.doc);
    expect(lateArrivalOf(peer.doc, messageId)).toBe(receivedAt);
  });

  it("reports a malformed entry from elsewhere as a document problem", () => {
    const { doc } = newChannel();
    doc.getMap("lateArrivals").set("m1", "yesterday");
    expect(validateChannelDocument(doc)).toContainEqual(
      expect.objectContaining({ path: "lateArrivals/m1", code: "invalid_value" }),
    );
  });
});
