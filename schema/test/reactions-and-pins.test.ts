import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createThread,
  deleteMessage,
  getMessage,
  listPinned,
  MAX_EMOJI_LENGTH,
  pinMessage,
  postMessage,
  react,
  unpinMessage,
  unreact,
} from "../src/index.ts";
import { alice, bob, expectRefused, helper, newChannel, syncAll } from "./support/channel.ts";

describe("reactions", () => {
  it("group by emoji with sorted actor ids", () => {
    const { doc, env } = newChannel();
    const { messageId } = createThread(doc, alice, { title: "t", body: "lunch?" }, env);
    react(doc, bob, { messageId, emoji: "👍" }, env);
    react(doc, alice, { messageId, emoji: "👍" }, env);
    react(doc, helper, { messageId, emoji: "🎉" }, env);
    react(doc, alice, { messageId, emoji: "👍" }, env);
    expect(getMessage(doc, messageId)?.reactions).toEqual([
      { emoji: "🎉", actorIds: ["helper"], count: 1 },
      { emoji: "👍", actorIds: ["alice", "bob"], count: 2 },
    ]);
    unreact(doc, bob, { messageId, emoji: "👍" });
    unreact(doc, bob, { messageId, emoji: "🎉" });
    expect(getMessage(doc, messageId)?.reactions).toEqual([
      { emoji: "🎉", actorIds: ["helper"], count: 1 },
      { emoji: "👍", actorIds: ["alice"], count: 1 },
    ]);
  });

  it("from two devices of one person never overwrite each other", () => {
    const { doc: laptop, env } = newChannel();
    const { messageId } = createThread(laptop, alice, { title: "t", body: "news" }, env);
    const phone = new Y.Doc();
    syncAll([laptop, phone]);
    react(laptop, alice, { messageId, emoji: "👀" }, env);
    react(phone, alice, { messageId, emoji: "✅" }, env);
    syncAll([laptop, phone]);
    expect(getMessage(phone, messageId)?.reactions.map((group) => group.emoji)).toEqual([
      "✅",
      "👀",
    ]);
  });

  it("refuse invalid emoji", () => {
    const { doc, env } = newChannel();
    const { messageId } = createThread(doc, alice, { title: "t", body: "x" }, env);
    for (const emoji of ["", " ", "a|b", "x".repeat(MAX_EMOJI_LENGTH + 1)]) {
      expectRefused(doc, "invalid_emoji", () => react(doc, bob, { messageId, emoji }, env));
    }
  });

  it("are refused on deleted messages and hidden there", () => {
    const { doc, env } = newChannel();
    const { threadId } = createThread(doc, alice, { title: "t", body: "x" }, env);
    const messageId = postMessage(doc, alice, { threadId, body: "oops" }, env);
    react(doc, bob, { messageId, emoji: "😬" }, env);
    deleteMessage(doc, alice, { messageId }, env);
    expect(getMessage(doc, messageId)?.reactions).toEqual([]);
    expectRefused(doc, "message_deleted", () => react(doc, bob, { messageId, emoji: "👍" }, env));
    expectRefused(doc, "not_found", () =>
      react(doc, bob, { messageId: "ghost", emoji: "👍" }, env),
    );
  });
});

describe("pins", () => {
  it("list pinned messages in the order they were pinned", () => {
    const { doc, env } = newChannel();
    const { threadId, messageId: first } = createThread(
      doc,
      alice,
      { title: "t", body: "one" },
      env,
    );
    const second = postMessage(doc, bob, { threadId, body: "two" }, env);
    pinMessage(doc, bob, { messageId: second }, env);
    env.advance(5);
    pinMessage(doc, alice, { messageId: first }, env);
    pinMessage(doc, bob, { messageId: first }, env);
    expect(listPinned(doc).map((pin) => [pin.message.body, pin.pinnedBy.id])).toEqual([
      ["two", "bob"],
      ["one", "alice"],
    ]);
    expect(getMessage(doc, first)?.pinned).toBe(true);
  });

  it("are removed only by whoever pinned, or a moderator", () => {
    const { doc, env } = newChannel();
    const { messageId } = createThread(doc, alice, { title: "t", body: "one" }, env);
    pinMessage(doc, alice, { messageId }, env);
    expectRefused(doc, "not_author", () => unpinMessage(doc, bob, { messageId }));
    unpinMessage(doc, bob, { messageId, moderator: true });
    expect(listPinned(doc)).toEqual([]);
    expectRefused(doc, "not_found", () => unpinMessage(doc, alice, { messageId }));
  });

  it("drop deleted messages from the pinned list and refuse pinning them", () => {
    const { doc, env } = newChannel();
    const { messageId } = createThread(doc, alice, { title: "t", body: "one" }, env);
    pinMessage(doc, bob, { messageId }, env);
    deleteMessage(doc, alice, { messageId }, env);
    expect(listPinned(doc)).toEqual([]);
    expect(getMessage(doc, messageId)?.pinned).toBe(false);
    expectRefused(doc, "message_deleted", () => pinMessage(doc, alice, { messageId }, env));
  });
});
