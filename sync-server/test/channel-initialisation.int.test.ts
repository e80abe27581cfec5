// Every channel document the server holds carries its layout and
// schemaVersion, stored like any update; a document written by a newer
// server version is refused instead of being written into.
import {
  CONNECTION_DENIALS,
  CURRENT_SCHEMA_VERSION,
  channelDocumentName,
  readChannelId,
  readSchemaVersion,
} from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { openDatabase } from "../src/db/open-database.ts";
import { SqliteDocumentStore } from "../src/storage/sqlite-document-store.ts";
import { connectPeer } from "./support/peers.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

/** The channel's document as stored in the data directory (the server must be stopped). */
async function storedDocument(dataDir: string, channelId: string): Promise<Y.Doc> {
  const db = openDatabase(dataDir, { synchronous: "normal" });
  const store = new SqliteDocumentStore(db, { synchronous: "normal" });
  try {
    const stored = store.load(channelDocumentName(channelId));
    const doc = new Y.Doc();
    if (stored?.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const update of stored?.updates ?? []) Y.applyUpdate(doc, update);
    return doc;
  } finally {
    await store.close();
    db.$client.close();
  }
}

/** Appends an update to the channel's stored document (the server must be stopped). */
async function appendStored(dataDir: string, channelId: string, update: Uint8Array) {
  const db = openDatabase(dataDir, { synchronous: "normal" });
  const store = new SqliteDocumentStore(db, { synchronous: "normal" });
  try {
    store.append(channelDocumentName(channelId), update);
  } finally {
    await store.close();
    db.$client.close();
  }
}

describe("channel initialisation", () => {
  it("stores the channel id and schemaVersion of a channel when it is first opened", async () => {
    const server = await startTestServer();
    const seed = await seedWorkspace(server.current);
    const peer = connectPeer(server.current.websocketUrl, { token: seed.agent.apiKey });
    const { doc } = await peer.open(seed.general.id);
    expect(readSchemaVersion(doc)).toBe(CURRENT_SCHEMA_VERSION);
    expect(readChannelId(doc)).toBe(seed.general.id);
    peer.close();
    await server.current.close();

    const stored = await storedDocument(server.dataDir, seed.general.id);
    expect(readSchemaVersion(stored)).toBe(CURRENT_SCHEMA_VERSION);
    expect(readChannelId(stored)).toBe(seed.general.id);
  });

  it("refuses a channel whose document was written by a newer server", async () => {
    const server = await startTestServer();
    const seed = await seedWorkspace(server.current);
    const first = connectPeer(server.current.websocketUrl, { token: seed.agent.apiKey });
    const opened = await first.open(seed.general.id);
    first.close();
    await server.current.close();
    // What a newer server version's migration would leave behind (raw Yjs on purpose), stored
    // while the server is stopped: no peer may write the metadata (the write guard refuses it).
    const newer = new Y.Doc();
    Y.applyUpdate(newer, Y.encodeStateAsUpdate(opened.doc));
    const before = Y.encodeStateVector(newer);
    newer.getMap("meta").set("schemaVersion", CURRENT_SCHEMA_VERSION + 1);
    await appendStored(server.dataDir, seed.general.id, Y.encodeStateAsUpdate(newer, before));

    const restarted = await server.restart();
    const peer = connectPeer(restarted.websocketUrl, { token: seed.agent.apiKey });
    const { outcome, channel: refused } = await peer.attempt(seed.general.id);
    expect(outcome).toEqual({ kind: "denied", reason: CONNECTION_DENIALS.documentTooNew });
    expect(refused.doc.store.clients.size).toBe(0);
    // Other channels still open.
    await peer.open(seed.secret.id);
  });
});
