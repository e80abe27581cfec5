import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  createThread,
  editMessage,
  getMessage,
  observeChannelChanges,
  postMessage,
} from "../src/index.ts";
import { alice, newChannel, syncInto } from "./support/channel.ts";

describe("reads between changes", () => {
  it("see every local change, even when a read came just before it", () => {
    const { doc, env } = newChannel();
    const { messageId } = createThread(doc, alice, { title: "T", body: "one" }, env);
    expect(getMessage(doc, messageId)?.body).toBe("one");
    editMessage(doc, alice, { messageId, body: "two" }, env);
    expect(getMessage(doc, messageId)?.body).toBe("two");
  });

  it("see a peer's update, and observers read the state after it", () => {
    const writer = newChannel();
    const reader = new Y.Doc();
    syncInto(writer.doc, reader);
    const { threadId } = createThread(writer.doc, alice, { title: "T", body: "first" }, writer.env);
    syncInto(writer.doc, reader);
    const seenByObserver: (string | undefined)[] = [];
    observeChannelChanges(reader, (changes) => {
      for (const id of changes.addedMessages) seenByObserver.push(getMessage(reader, id)?.body);
    });
    const ids = writer.doc.transact(() =>
      Array.from({ length: 3 }, (_, n) =>
        postMessage(writer.doc, alice, { threadId, body: `m${n}` }, writer.env),
      ),
    );
    syncInto(writer.doc, reader);
    expect(seenByObserver).toEqual(["m0", "m1", "m2"]);
    expect(ids.map((id) => getMessage(reader, id)?.body)).toEqual(["m0", "m1", "m2"]);
  });
});
