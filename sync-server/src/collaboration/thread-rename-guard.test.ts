// The write guard lets a thread be renamed by its creator or a moderator only: another member's
// raw rename is refused whole, while the creator's and an admin's (renameThread) pass.
import { type Actor, createThread, initChannel, renameThread } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MemoryClientIdOwners, PeerReplica, testWriter } from "../../test/support/guard-world.ts";

const creator: Actor = { kind: "human", id: "member-1" };
const other: Actor = { kind: "human", id: "member-2" };
const admin: Actor = { kind: "human", id: "admin-1" };

describe("the write guard and thread titles", () => {
  it("accepts renames by the creator and a moderator, and refuses anyone else's", () => {
    const server = new Y.Doc();
    initChannel(server, "channel-1");
    const owners = new MemoryClientIdOwners();
    const mine = new PeerReplica(server, testWriter(creator), owners);
    const theirs = new PeerReplica(server, testWriter(other), owners);
    const moderator = new PeerReplica(server, testWriter(admin, { moderator: true }), owners);
    const { threadId } = createThread(mine.doc, creator, { body: "lunch plans" });
    expect(mine.deliver(mine.pending())).toMatchObject({ allowed: true });
    theirs.pull();
    moderator.pull();

    const rename = mine.sent((doc) => renameThread(doc, creator, { threadId, title: "Lunch" }));
    expect(mine.deliver(rename)).toMatchObject({ allowed: true });
    theirs.pull();
    const forged = theirs.sent((doc) =>
      (doc.getMap("threads").get(threadId) as Y.Map<unknown>).set("title", "Mine now"),
    );
    expect(theirs.inspect(forged)).toMatchObject({
      allowed: false,
      why: `threads/${threadId}: changes the status or title of someone else's thread`,
    });
    moderator.pull();
    const moderated = moderator.sent((doc) =>
      renameThread(doc, admin, { threadId, title: "Team lunch", moderator: true }),
    );
    expect(moderator.deliver(moderated)).toMatchObject({ allowed: true });
  });
});
