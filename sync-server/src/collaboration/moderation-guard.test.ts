// The write guard keeps a moderator's tombstone: a message an admin deleted cannot be restored by
// its author with a raw client (no schema operation ever removes `deletedAt` or `deletedBy`), while
// the author's honest writes that cross the deletion (an offline edit, its own delete) still pass.
import {
  type Actor,
  createThread,
  deleteMessage,
  editMessage,
  formatStamp,
  initChannel,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MemoryClientIdOwners, PeerReplica, testWriter } from "../../test/support/guard-world.ts";

const admin: Actor = { kind: "human", id: "admin-1" };
const member: Actor = { kind: "human", id: "member-1" };

function world() {
  const server = new Y.Doc();
  initChannel(server, "channel-1");
  const owners = new MemoryClientIdOwners();
  const moderator = new PeerReplica(server, testWriter(admin, { moderator: true }), owners);
  const author = new PeerReplica(server, testWriter(member), owners);
  const { messageId } = createThread(author.doc, member, { title: "t", body: "rude words" });
  expect(author.deliver(author.pending())).toMatchObject({ allowed: true });
  moderator.pull();
  return { server, moderator, author, messageId };
}

const entryOf = (doc: Y.Doc, id: string) => doc.getMap("messages").get(id) as Y.Map<unknown>;

describe("the write guard and a moderator's tombstone", () => {
  it("refuses the author restoring or rewriting a message a moderator deleted", () => {
    const w = world();
    const tombstone = w.moderator.sent((doc) =>
      deleteMessage(doc, admin, { messageId: w.messageId, moderator: true }),
    );
    expect(w.moderator.deliver(tombstone)).toMatchObject({ allowed: true });
    w.author.pull();
    const restore = w.author.sent((doc) =>
      doc.transact(() => {
        const entry = entryOf(doc, w.messageId);
        entry.delete("deletedAt");
        entry.delete("deletedBy");
        (entry.get("body") as Y.Text).insert(0, "rude words again");
      }),
    );
    expect(w.author.inspect(restore)).toMatchObject({
      allowed: false,
      why: `messages/${w.messageId}: restores a deleted message`,
    });
    // Taking off only the deleter's name is restoring too.
    const again = world();
    again.moderator.deliver(
      again.moderator.sent((doc) =>
        deleteMessage(doc, admin, { messageId: again.messageId, moderator: true }),
      ),
    );
    again.author.pull();
    const unnamed = again.author.sent((doc) => entryOf(doc, again.messageId).delete("deletedBy"));
    expect(again.author.inspect(unnamed)).toMatchObject({ allowed: false });
  });

  it("allows the author's offline edit and delete that cross the moderator's tombstone", () => {
    const w = world();
    // The author edits and then deletes offline, before hearing of the moderator's delete.
    editMessage(w.author.doc, member, { messageId: w.messageId, body: "kinder words" });
    deleteMessage(w.author.doc, member, { messageId: w.messageId });
    const tombstone = w.moderator.sent((doc) =>
      deleteMessage(doc, admin, { messageId: w.messageId, moderator: true }),
    );
    expect(w.moderator.deliver(tombstone)).toMatchObject({ allowed: true });
    expect(w.author.deliver(w.author.pending())).toMatchObject({ allowed: true });
    expect(entryOf(w.server, w.messageId).get("deletedAt")).toBeTypeOf("string");
  });

  it("refuses the author restoring its own tombstone too", () => {
    const w = world();
    const own = w.author.sent((doc) => deleteMessage(doc, member, { messageId: w.messageId }));
    expect(w.author.deliver(own)).toMatchObject({ allowed: true });
    const undelete = w.author.sent((doc) =>
      doc.transact(() => {
        const entry = entryOf(doc, w.messageId);
        entry.delete("deletedAt");
        entry.delete("deletedBy");
        entry.set("editedAt", formatStamp(Date.now()));
      }),
    );
    expect(w.author.inspect(undelete)).toMatchObject({ allowed: false });
  });
});
