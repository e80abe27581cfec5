// Files in the browser's search: a message's attached files make it match has:file (and, for
// images, has:image) and their names are words of it, in a saved and reloaded index too.
import {
  createThread,
  initChannel,
  parseSearchQuery,
  postMessage,
  readSearchableMessage,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { toIndexed } from "./channel-feed.ts";
import { planSearch } from "./query-plan.ts";
import { SearchIndex } from "./search-index.ts";

const alice = { kind: "human" as const, id: "u-alice" };
const file = (id: string, name: string, type: string) => ({
  id,
  name,
  type,
  size: 10,
  sha256: "b".repeat(64),
});

describe("attachments in the browser's search", () => {
  it("finds messages by has:file, has:image and file names, before and after a reload", () => {
    const doc = new Y.Doc();
    initChannel(doc, "c1");
    const { threadId, messageId: first } = createThread(doc, alice, { body: "hello there" });
    const photo = postMessage(doc, alice, {
      threadId,
      body: "",
      attachments: [file("a1", "harbour.jpg", "image/jpeg")],
    });
    const report = postMessage(doc, alice, {
      threadId,
      body: "numbers",
      attachments: [file("a2", "quarterly.pdf", "application/pdf")],
    });
    const index = SearchIndex.empty();
    for (const id of [first, photo, report]) {
      const message = readSearchableMessage(doc, id);
      if (message !== undefined) index.put(toIndexed("c1", message));
    }
    const names = { channelIdByName: () => undefined, personIdByHandle: () => undefined };
    const ids = (target: SearchIndex, query: string) =>
      target
        .search(planSearch(parseSearchQuery(query), names), 10)
        .map((hit) => hit.messageId)
        .sort();

    for (const target of [index, SearchIndex.fromPlain(index.toPlain())]) {
      expect(ids(target, "has:image")).toEqual([photo]);
      expect(ids(target, "has:file")).toEqual([photo, report].sort());
      expect(ids(target, "quarterly ")).toEqual([report]);
      expect(ids(target, "harb")).toEqual([photo]);
    }
  });
});
