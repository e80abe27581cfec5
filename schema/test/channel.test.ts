import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import {
  CHANNEL_DOCUMENT_PREFIX,
  CURRENT_SCHEMA_VERSION,
  channelDocumentName,
  createThread,
  initChannel,
  isDocumentTooNew,
  parseChannelDocumentName,
  postMessage,
  readChannelId,
  readSchemaVersion,
  validateChannelDocument,
} from "../src/index.ts";
import { alice, bob, expectRefused, syncAll } from "./support/channel.ts";

function tooNewDocument(): Y.Doc {
  const doc = new Y.Doc();
  initChannel(doc, "general");
  doc.getMap("meta").set("schemaVersion", CURRENT_SCHEMA_VERSION + 1);
  return doc;
}

describe("initChannel", () => {
  it("stamps the channel id and the current schema version", () => {
    const doc = new Y.Doc();
    initChannel(doc, "general");
    expect(readChannelId(doc)).toBe("general");
    expect(readSchemaVersion(doc)).toBe(CURRENT_SCHEMA_VERSION);
    expect(validateChannelDocument(doc)).toEqual([]);
  });

  it("is idempotent: a second call writes nothing", () => {
    const doc = new Y.Doc();
    initChannel(doc, "general");
    let updates = 0;
    doc.on("update", () => {
      updates += 1;
    });
    initChannel(doc, "general");
    expect(updates).toBe(0);
  });

  it("converges when two replicas initialise the same channel concurrently", () => {
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    initChannel(a, "general");
    initChannel(b, "general");
    const first = createThread(a, alice, { title: "From A", body: "a" });
    const second = createThread(b, bob, { title: "From B", body: "b" });
    syncAll([a, b]);
    for (const doc of [a, b]) {
      expect(readChannelId(doc)).toBe("general");
      expect(readSchemaVersion(doc)).toBe(CURRENT_SCHEMA_VERSION);
      expect(validateChannelDocument(doc)).toEqual([]);
      postMessage(doc, alice, { threadId: first.threadId, body: "still writable" });
      postMessage(doc, bob, { threadId: second.threadId, body: "still writable" });
    }
  });

  it("refuses to re-label a document that belongs to another channel", () => {
    const doc = new Y.Doc();
    initChannel(doc, "general");
    expectRefused(doc, "channel_mismatch", () => initChannel(doc, "random"));
  });

  it("refuses channel ids that cannot name a document", () => {
    const doc = new Y.Doc();
    expectRefused(doc, "invalid_input", () => initChannel(doc, ""));
    expectRefused(doc, "invalid_input", () => initChannel(doc, "a|b"));
  });
});

describe("documents written by newer code", () => {
  it("are detected", () => {
    const doc = tooNewDocument();
    expect(isDocumentTooNew(doc)).toBe(true);
    const current = new Y.Doc();
    initChannel(current, "general");
    expect(isDocumentTooNew(current)).toBe(false);
  });

  it("are never written to", () => {
    const doc = tooNewDocument();
    expectRefused(doc, "document_too_new", () =>
      createThread(doc, alice, { title: "Hello", body: "from the past" }),
    );
    expectRefused(doc, "document_too_new", () => initChannel(doc, "general"));
  });
});

describe("channel document names", () => {
  it("round-trip a channel id", () => {
    expect(channelDocumentName("general")).toBe(`${CHANNEL_DOCUMENT_PREFIX}general`);
    expect(parseChannelDocumentName(channelDocumentName("01HZX8JGFACFA36RBXDHEQN6E"))).toBe(
      "01HZX8JGFACFA36RBXDHEQN6E",
    );
  });

  it("reject names that are not channel documents", () => {
    for (const name of ["secrets", "channel:", "channel:../x", "Channel:general", "channel:a b"]) {
      expect(parseChannelDocumentName(name)).toBeNull();
    }
    expect(() => channelDocumentName("a/b")).toThrow(/invalid channel id/);
  });
});
