import fc from "fast-check";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createThread,
  deleteMessage,
  editMessage,
  getMessage,
  messageVersionsOf,
  postMessage,
} from "../src/index.ts";
import { alice, bob, newChannel, syncAll, syncInto } from "./support/channel.ts";

function twoDevicesWithOneMessage() {
  const { doc: first, env } = newChannel();
  const { threadId } = createThread(first, alice, { title: "Plans", body: "first" }, env);
  const messageId = postMessage(first, alice, { threadId, body: "v0" }, env);
  const second = new Y.Doc();
  syncInto(first, second);
  return { devices: [first, second], messageId, env };
}

describe("edit history", () => {
  it("keeps the text an edit replaced, with who wrote it and when", () => {
    const { doc, env } = newChannel();
    const { threadId } = createThread(doc, alice, { title: "T", body: "b" }, env);
    const id = postMessage(doc, alice, { threadId, body: "lunch at 12" }, env);
    const posted = getMessage(doc, id)?.createdAt;
    editMessage(doc, alice, { messageId: id, body: "lunch at 1" }, env);
    editMessage(doc, alice, { messageId: id, body: "lunch at 2" }, env);
    const versions = messageVersionsOf(doc, id);
    expect(versions.map((v) => v.body)).toEqual(["lunch at 12", "lunch at 1"]);
    expect(versions[0]?.by).toEqual(alice);
    expect(versions[0]?.writtenAt).toBe(posted);
    expect(versions[1]?.writtenAt).toBe(versions[0]?.replacedAt);
    expect(versions[1]?.replacedAt).toBe(getMessage(doc, id)?.editedAt);
  });

  it("deleting a message deletes its history", () => {
    const { doc, env } = newChannel();
    const { threadId } = createThread(doc, alice, { title: "T", body: "b" }, env);
    const id = postMessage(doc, alice, { threadId, body: "secret" }, env);
    editMessage(doc, alice, { messageId: id, body: "oops" }, env);
    deleteMessage(doc, bob, { messageId: id, moderator: true }, env);
    expect(messageVersionsOf(doc, id)).toEqual([]);
    expect(doc.getMap("messageVersions").size).toBe(0);
  });

  it("concurrent edits on two devices converge and lose no earlier text", () => {
    const edit = fc.record({
      device: fc.integer({ min: 0, max: 1 }),
      body: fc.string({ maxLength: 12 }).map((text) => `x${text}`),
      syncAfter: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 12 }), (edits) => {
        const { devices, messageId, env } = twoDevicesWithOneMessage();
        const replaced: string[] = [];
        let made = 0;
        for (const step of edits) {
          const doc = devices[step.device] as Y.Doc;
          const before = getMessage(doc, messageId)?.body ?? "";
          editMessage(doc, alice, { messageId, body: step.body }, env);
          if (before !== step.body) {
            replaced.push(before);
            made += 1;
          }
          if (step.syncAfter) syncAll(devices);
        }
        syncAll(devices);
        const [first, second] = devices as [Y.Doc, Y.Doc];
        const versions = messageVersionsOf(first, messageId);
        expect(messageVersionsOf(second, messageId)).toEqual(versions);
        expect(getMessage(second, messageId)?.body).toBe(getMessage(first, messageId)?.body);
        expect(versions).toHaveLength(made);
        expect(versions.map((v) => v.body).sort()).toEqual([...replaced].sort());
      }),
      { numRuns: 200 },
    );
  });
});
