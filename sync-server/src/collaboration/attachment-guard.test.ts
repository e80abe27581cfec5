// The write guard and files on messages: the author attaches when posting and may take a file off
// later (cancelling an upload); no one attaches to a message already posted, and no one touches
// the files on someone else's message, except a moderator's tombstone, which takes them all.
import {
  type Actor,
  type Attachment,
  createThread,
  deleteMessage,
  initChannel,
  postMessage,
  removeAttachment,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MemoryClientIdOwners, PeerReplica, testWriter } from "../../test/support/guard-world.ts";

const author: Actor = { kind: "human", id: "member-1" };
const other: Actor = { kind: "human", id: "member-2" };
const admin: Actor = { kind: "human", id: "admin-1" };

const file = (id: string): Attachment => ({
  id,
  name: `${id}.png`,
  type: "image/png",
  size: 1234,
  sha256: "a".repeat(64),
  width: 40,
  height: 30,
});

describe("the write guard and attachments", () => {
  it("lets the author attach when posting and take files off, and refuses every other change", () => {
    const server = new Y.Doc();
    initChannel(server, "channel-1");
    const owners = new MemoryClientIdOwners();
    const mine = new PeerReplica(server, testWriter(author), owners);
    const theirs = new PeerReplica(server, testWriter(other), owners);
    const moderator = new PeerReplica(server, testWriter(admin, { moderator: true }), owners);
    const { threadId } = createThread(mine.doc, author, { body: "photos" });
    const messageId = postMessage(mine.doc, author, {
      threadId,
      body: "",
      attachments: [file("one"), file("two")],
    });
    expect(mine.deliver(mine.pending())).toMatchObject({ allowed: true });
    theirs.pull();
    moderator.pull();
    const entry = (doc: Y.Doc) => doc.getMap("messages").get(messageId) as Y.Map<unknown>;

    const added = mine.sent((doc) =>
      entry(doc).set("attachments", [file("one"), file("two"), file("three")]),
    );
    expect(mine.inspect(added)).toMatchObject({
      allowed: false,
      why: `messages/${messageId}: attaches files to a message already posted`,
    });
    const malformed = mine.sent((doc) =>
      entry(doc).set("attachments", [{ ...file("one"), size: -1 }]),
    );
    expect(mine.inspect(malformed)).toMatchObject({ allowed: false });

    const forged = theirs.sent((doc) => entry(doc).set("attachments", [file("one")]));
    expect(theirs.inspect(forged)).toMatchObject({
      allowed: false,
      why: `messages/${messageId}: changes someone else's message`,
    });

    // Fresh replicas: the refused updates above stay out of what follows.
    const author2 = new PeerReplica(server, testWriter(author), owners);
    const cancelled = author2.sent((doc) =>
      removeAttachment(doc, author, { messageId, attachmentId: "two" }),
    );
    expect(author2.deliver(cancelled)).toMatchObject({ allowed: true });
    expect((entry(server).get("attachments") as Attachment[]).map((a) => a.id)).toEqual(["one"]);

    const moderator2 = new PeerReplica(server, testWriter(admin, { moderator: true }), owners);
    const tombstone = moderator2.sent((doc) =>
      deleteMessage(doc, admin, { messageId, moderator: true }),
    );
    expect(moderator2.deliver(tombstone)).toMatchObject({ allowed: true });
    expect(entry(server).has("attachments")).toBe(false);
  });
});
