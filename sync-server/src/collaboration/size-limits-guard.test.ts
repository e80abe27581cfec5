// The write guard holds the sizes @openvibe/schema defines for what a peer writes, as the
// operations do for honest clients: a thread's and a fork's title (MAX_TITLE_LENGTH) and the
// emoji of a reaction key (MAX_EMOJI_LENGTH), each allowed at the limit and refused past it.
import {
  type Actor,
  createFork,
  createThread,
  initChannel,
  MAX_EMOJI_LENGTH,
  MAX_TITLE_LENGTH,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { MemoryClientIdOwners, PeerReplica, testWriter } from "../../test/support/guard-world.ts";

const member: Actor = { kind: "human", id: "member-1" };

function world() {
  const server = new Y.Doc();
  initChannel(server, "channel-1");
  const { messageId } = createThread(server, member, { title: "t", body: "hello" });
  const peer = new PeerReplica(server, testWriter(member), new MemoryClientIdOwners());
  return { peer, messageId };
}

/** A raw write: a valid operation whose title is then set to `title` in the same update. */
function titled(peer: PeerReplica, root: "threads" | "forks", create: () => string, title: string) {
  return peer.sent((doc) =>
    doc.transact(() => {
      const id = create();
      (doc.getMap(root).get(id) as Y.Map<unknown>).set("title", title);
    }),
  );
}

describe("the write guard's size limits", () => {
  it("refuses a thread title past MAX_TITLE_LENGTH", () => {
    for (const [length, allowed] of [
      [MAX_TITLE_LENGTH, true],
      [MAX_TITLE_LENGTH + 1, false],
    ] as const) {
      const { peer } = world();
      const update = titled(
        peer,
        "threads",
        () => createThread(peer.doc, member, { title: "short", body: "b" }).threadId,
        "t".repeat(length),
      );
      const inspection = peer.inspect(update);
      expect(inspection, `${length}`).toMatchObject({ allowed });
      if (!inspection.allowed) expect(inspection.why).toMatch(/thread title longer than 200/);
    }
  });

  it("refuses a fork title past MAX_TITLE_LENGTH", () => {
    for (const [length, allowed] of [
      [MAX_TITLE_LENGTH, true],
      [MAX_TITLE_LENGTH + 1, false],
    ] as const) {
      const { peer, messageId } = world();
      const update = titled(
        peer,
        "forks",
        () => createFork(peer.doc, member, { messageId, title: "short", body: "b" }),
        "f".repeat(length),
      );
      const inspection = peer.inspect(update);
      expect(inspection, `${length}`).toMatchObject({ allowed });
      if (!inspection.allowed) expect(inspection.why).toMatch(/fork title longer than 200/);
    }
  });

  it("refuses a reaction whose emoji is past MAX_EMOJI_LENGTH", () => {
    for (const [length, allowed] of [
      [MAX_EMOJI_LENGTH, true],
      [MAX_EMOJI_LENGTH + 1, false],
    ] as const) {
      const { peer, messageId } = world();
      const key = `${messageId}|${"e".repeat(length)}|${member.id}`;
      const update = peer.sent((doc) => doc.getMap("reactions").set(key, Date.now()));
      const inspection = peer.inspect(update);
      expect(inspection, `${length}`).toMatchObject({ allowed });
      if (!inspection.allowed) expect(inspection.why).toMatch(/another actor's entry/);
    }
  });
});
