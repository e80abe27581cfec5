// Stores generated chunks the way the server stores what peers write, in the split layout: each
// piece's update is appended to its thread document's log through the document store, with the
// chunk's Yjs client id recorded as the server's own, the digests of the threads that ended go
// into the channel document's thread index (appended as what changed), and the chunk's messages
// are written to the search projection, all in one SQLite transaction, so the index never
// disagrees with the stored documents. A channel stored in the one-document layout (generated
// into before the split) is split first.
import { randomInt } from "node:crypto";
import {
  channelDocumentName,
  deriveThreadIndexEntry,
  initSplitChannel,
  placeThreadDigest,
  readDocumentLayout,
  type ThreadDigest,
  threadDocumentName,
  trimThreadIndex,
} from "@openvibe/schema";
import * as Y from "yjs";
import { ClientIdRegistry, SERVER_OWNER } from "../collaboration/client-id-registry.ts";
import type { AppContext } from "../context.ts";
import { isIndexable, toIndexRow } from "../search/index-rows.ts";
import { SearchIndex } from "../search/search-index.ts";
import { splitStoredChannel } from "../split-migration/split-stored-channel.ts";
import type { DocumentStore } from "../storage/document-store.ts";
import { loadStoredDocument } from "../storage/load-stored-document.ts";
import type { GeneratedChunk, GeneratedPiece } from "./conversation-generator.ts";

/** Yjs client ids are unsigned 32-bit numbers. */
const CLIENT_ID_LIMIT = 2 ** 32;

export class ChunkStorage {
  private readonly ctx: AppContext;
  private readonly store: Pick<DocumentStore, "append" | "load">;
  private readonly channelId: string;
  private readonly channelName: string;
  private readonly clientIds: ClientIdRegistry;
  private readonly index: SearchIndex;
  /** The channel document, loaded once; what it gained is appended with each chunk. */
  private readonly channelDoc: Y.Doc;
  private stored: Uint8Array;
  private readonly handedOut = new Set<number>();

  constructor(ctx: AppContext, store: Pick<DocumentStore, "append" | "load">, channelId: string) {
    this.ctx = ctx;
    this.store = store;
    this.channelId = channelId;
    this.channelName = channelDocumentName(channelId);
    this.clientIds = new ClientIdRegistry(ctx.db);
    this.index = new SearchIndex(ctx.db.$client);
    splitStoredChannel(
      { sqlite: ctx.db.$client, store, clientIds: this.clientIds, now: ctx.now },
      channelId,
    );
    this.channelDoc = loadStoredDocument(store, this.channelName);
    this.stored = Y.encodeStateVector(this.channelDoc);
    this.channelDoc.clientID = this.unusedClientId(this.channelName);
    if (readDocumentLayout(this.channelDoc) !== "split-channel") {
      initSplitChannel(this.channelDoc, channelId);
    }
  }

  /** A client id no other chunk of this run was written under (thread documents are new). */
  newClientId(): number {
    for (;;) {
      const id = randomInt(1, CLIENT_ID_LIMIT);
      if (this.handedOut.has(id)) continue;
      this.handedOut.add(id);
      return id;
    }
  }

  write(chunk: GeneratedChunk): void {
    const rows = chunk.messages.filter(isIndexable).map((m) => toIndexRow(this.channelId, m));
    // Placed without trimming, then trimmed once: the window is the most recently active
    // threads of all placed so far either way, and trimming at each placement sorts the index.
    for (const piece of chunk.pieces) {
      if (!piece.ends) continue;
      const digest = piece.digest ?? this.derive(piece);
      if (digest !== undefined) {
        placeThreadDigest(this.channelDoc, piece.threadId, digest, Number.POSITIVE_INFINITY);
      }
    }
    trimThreadIndex(this.channelDoc);
    const channelUpdate = Y.encodeStateAsUpdate(this.channelDoc, this.stored);
    this.ctx.db.$client
      .transaction(() => {
        for (const piece of chunk.pieces) {
          const name = threadDocumentName(this.channelId, piece.threadId);
          this.store.append(name, piece.update);
          this.clientIds.claim(name, [chunk.clientId], SERVER_OWNER);
          this.clientIds.forget(name); // so memory does not grow with the number of threads
        }
        // An update of two bytes says nothing changed.
        if (channelUpdate.byteLength > 2) {
          this.store.append(this.channelName, channelUpdate);
          this.clientIds.claim(this.channelName, [this.channelDoc.clientID], SERVER_OWNER);
        }
        this.index.write(rows);
      })
      .immediate();
    this.stored = Y.encodeStateVector(this.channelDoc);
  }

  /** The digest of a thread written over several chunks: its stored pieces and this last one. */
  private derive(piece: GeneratedPiece): ThreadDigest | undefined {
    const name = threadDocumentName(this.channelId, piece.threadId);
    const doc = loadStoredDocument(this.store, name);
    try {
      Y.applyUpdate(doc, piece.update);
      return deriveThreadIndexEntry(doc, piece.threadId);
    } finally {
      doc.destroy();
    }
  }

  /** A client id no one has written document `name` under. */
  private unusedClientId(name: string): number {
    const owners = this.clientIds.ownersOf(name);
    for (;;) {
      const id = randomInt(1, CLIENT_ID_LIMIT);
      if (owners.ownerOf(id) === undefined && !this.channelDoc.store.clients.has(id)) return id;
    }
  }
}
