// The write guard's inspector for a guest: a server document written by a member, a guest
// replica synced from it, and what the guest sends back, captured as the provider would send it.
import {
  type Actor,
  createThread,
  deleteMessage,
  editMessage,
  initChannel,
  postMessage,
  react,
  unreact,
} from "@openvibe/schema";
import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MemoryClientIdOwners, PeerReplica, testWriter } from "../../test/support/guard-world.ts";

const member: Actor = { kind: "human", id: "member-1" };
const guest: Actor = { kind: "human", id: "guest-1" };
const THUMBS = "👍";

function world() {
  const server = new Y.Doc();
  initChannel(server, "channel-1");
  const { threadId, messageId } = createThread(server, member, { title: "plans", body: "hello" });
  const peer = new PeerReplica(
    server,
    testWriter(guest, { access: "react" }),
    new MemoryClientIdOwners(),
  );
  const replica = peer.doc;
  const sent = (write: (doc: Y.Doc) => void) => peer.sent(write);
  const inspect = (update: Uint8Array) => peer.inspect(update);
  const deliver = (update: Uint8Array) => peer.deliver(update);
  /** A change by the member, reaching the guest too. */
  const memberWrites = (write: (doc: Y.Doc) => void) => {
    write(server);
    peer.pull();
  };
  return { server, replica, threadId, messageId, sent, inspect, deliver, memberWrites };
}

const reactionKey = (messageId: string, actorId: string) => `${messageId}|${THUMBS}|${actorId}`;
const refused = { allowed: false, why: expect.any(String) };
const allowed = { allowed: true, claimedClientIds: expect.any(Array) };

describe("inspectUpdate for a guest (react access)", () => {
  it("allows the guest's own reaction, and its removal", () => {
    const w = world();
    const reaction = w.sent((doc) => react(doc, guest, { messageId: w.messageId, emoji: THUMBS }));
    expect(w.inspect(reaction)).toEqual(allowed);
    w.deliver(reaction);
    const removal = w.sent((doc) => unreact(doc, guest, { messageId: w.messageId, emoji: THUMBS }));
    expect(w.inspect(removal)).toEqual(allowed);
  });

  it("allows reacting again, whose entry sits after the earlier one", () => {
    const w = world();
    const input = { messageId: w.messageId, emoji: THUMBS };
    w.deliver(w.sent((doc) => react(doc, guest, input)));
    w.deliver(w.sent((doc) => unreact(doc, guest, input)));
    expect(w.inspect(w.sent((doc) => react(doc, guest, input)))).toEqual(allowed);
  });

  it("allows a batch of offline reactions sent as one sync step 2", () => {
    const w = world();
    const before = Y.encodeStateVector(w.server);
    const input = { messageId: w.messageId, emoji: THUMBS };
    react(w.replica, guest, input);
    unreact(w.replica, guest, input);
    react(w.replica, guest, { ...input, emoji: "🎉" });
    expect(w.inspect(Y.encodeStateAsUpdate(w.replica, before))).toEqual(allowed);
  });

  it("allows a sync step 2 that repeats deletions the server already has", () => {
    const w = world();
    w.memberWrites((doc) => {
      const messageId = postMessage(doc, member, { threadId: w.threadId, body: "oops" });
      editMessage(doc, member, { messageId: w.messageId, body: "hello again" });
      deleteMessage(doc, member, { messageId });
    });
    const step2 = Y.encodeStateAsUpdate(w.replica, Y.encodeStateVector(w.server));
    expect(Y.decodeUpdate(step2).ds.clients.size).toBeGreaterThan(0);
    expect(w.inspect(step2)).toEqual(allowed);
  });

  it("refuses a message, an edit, a deletion and a raw write in the messages map", () => {
    const w = world();
    const writes: ((doc: Y.Doc) => void)[] = [
      (doc) => postMessage(doc, guest, { threadId: w.threadId, body: "hi" }),
      (doc) => doc.getMap("messages").set(w.messageId, "overwritten"),
      (doc) => doc.getMap("messages").set("new-message", 1),
      (doc) => doc.getMap("pins").set(w.messageId, 1),
    ];
    for (const write of writes) expect(w.inspect(w.sent(write))).toEqual(refused);
  });

  it("refuses changes inside another person's message", () => {
    const w = world();
    const body = (doc: Y.Doc) => {
      const message = doc.getMap("messages").get(w.messageId);
      if (!(message instanceof Y.Map)) throw new Error("no message map");
      return message;
    };
    expect(w.inspect(w.sent((doc) => body(doc).set("authorId", guest.id)))).toEqual(refused);
    const text = (doc: Y.Doc) => [...body(doc).values()].find((v) => v instanceof Y.Text);
    expect(w.inspect(w.sent((doc) => text(doc)?.delete(0, 1)))).toEqual(refused);
  });

  it("refuses a reaction under another person's key or a malformed key", () => {
    const w = world();
    const reactions = (doc: Y.Doc) => doc.getMap("reactions");
    const keys = [reactionKey(w.messageId, member.id), "not-a-reaction", `${w.messageId}|x`];
    for (const key of keys) {
      expect(w.inspect(w.sent((doc) => reactions(doc).set(key, 1)))).toEqual(refused);
    }
  });

  it("refuses an own reaction whose value is not one number", () => {
    const w = world();
    const key = reactionKey(w.messageId, guest.id);
    const values = ["soon", Number.NaN, null, new Y.Map(), new Y.Text("nested")];
    for (const value of values) {
      expect(w.inspect(w.sent((doc) => doc.getMap("reactions").set(key, value)))).toEqual(refused);
    }
  });

  it("refuses removing another person's reaction, but allows its own", () => {
    const w = world();
    const input = { messageId: w.messageId, emoji: THUMBS };
    w.memberWrites((doc) => react(doc, member, input));
    w.deliver(w.sent((doc) => react(doc, guest, input)));
    const foreign = reactionKey(w.messageId, member.id);
    expect(w.inspect(w.sent((doc) => doc.getMap("reactions").delete(foreign)))).toEqual(refused);
    const own = reactionKey(w.messageId, guest.id);
    expect(w.inspect(w.sent((doc) => doc.getMap("reactions").delete(own)))).toEqual(allowed);
  });

  it("refuses malformed bytes and deletions of content the server does not have", () => {
    const w = world();
    expect(w.inspect(new Uint8Array([1, 2, 3, 250, 250, 250]))).toEqual(refused);
    const other = new Y.Doc();
    other.getMap("reactions").set(reactionKey(w.messageId, guest.id), 1);
    other.getMap("reactions").delete(reactionKey(w.messageId, guest.id));
    // Only the deletion, of an item the server never received.
    const unknownTarget = Y.diffUpdate(Y.encodeStateAsUpdate(other), Y.encodeStateVector(other));
    expect(Y.decodeUpdate(unknownTarget).ds.clients.size).toBe(1);
    expect(w.inspect(unknownTarget)).toEqual(refused);
  });

  it("refuses an empty deletion range, which Yjs throws on when applying it", () => {
    const w = world();
    // A version 1 update: no structs, one client (unknown to the server) with one range of length 0.
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 424242);
    encoding.writeVarUint(encoder, 1);
    encoding.writeVarUint(encoder, 5);
    encoding.writeVarUint(encoder, 0);
    const emptyRange = encoding.toUint8Array(encoder);
    expect(Y.decodeUpdate(emptyRange).ds.clients.get(424242)).toEqual([{ clock: 5, len: 0 }]);
    expect(() => Y.applyUpdate(new Y.Doc(), emptyRange)).toThrow();
    expect(w.inspect(emptyRange)).toEqual(refused);
  });
});
