// An item of length zero (a ContentAny holding no value) never comes from Yjs's own operations,
// but Yjs integrates one sent by hand. Placed right of an entry's value (its origin), it becomes
// the entry's newest value and the entry reads as undefined: anyone's message hidden, and it
// stays so in every copy. Without an origin it takes a new key, or makes Yjs throw while cleaning
// up the transaction. The inspector let it through (a struct ending at the client's current clock
// looked like one the server already had): found by the mutation fuzz once its seeds stood alone.
// It is refused now.
import { type Actor, createThread, initChannel, WRITE_RULES } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { emptyItemUpdate } from "../../test/support/empty-item-update.ts";
import { MemoryClientIdOwners, testWriter } from "../../test/support/guard-world.ts";
import { inspectUpdate } from "./update-inspection.ts";

const admin: Actor = { kind: "human", id: "admin-1" };
const member: Actor = { kind: "human", id: "member-1" };

describe("the write guard against items of length zero", () => {
  it("refuses one that would hide someone else's message, or take a new key", () => {
    const server = new Y.Doc();
    initChannel(server, "channel-1");
    const { messageId } = createThread(server, admin, { title: "plans", body: "hello" });
    const valueItem = server.getMap("messages")._map.get(messageId);
    if (valueItem === undefined) throw new Error("no message item");
    const hiding = emptyItemUpdate(424242, { origin: valueItem.id });
    // What it would do: the admin's message is gone, in the copy and in what it sends on.
    const applied = new Y.Doc();
    Y.applyUpdate(applied, Y.encodeStateAsUpdate(server));
    Y.applyUpdate(applied, hiding);
    const sentOn = new Y.Doc();
    Y.applyUpdate(sentOn, Y.encodeStateAsUpdate(applied));
    expect(sentOn.getMap("messages").get(messageId)).toBeUndefined();
    const newKey = emptyItemUpdate(424242, { root: "messages", key: "new-key" });
    for (const update of [hiding, newKey]) {
      const owners = new MemoryClientIdOwners();
      expect(inspectUpdate(server, update, testWriter(member), owners, WRITE_RULES)).toEqual({
        allowed: false,
        why: "writes an empty item",
      });
    }
  });
});
