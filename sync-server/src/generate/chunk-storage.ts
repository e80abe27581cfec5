// Stores generated chunks the way the server stores what peers write: each chunk's update is
// appended to the channel document's log through the document store, its Yjs client id is
// recorded as the server's own, and its messages are written to the search projection, all in
// one SQLite transaction, so the index never disagrees with the stored document.
import { randomInt } from "node:crypto";
import { channelDocumentName } from "@openvibe/schema";
import { ClientIdRegistry, SERVER_OWNER } from "../collaboration/client-id-registry.ts";
import type { AppContext } from "../context.ts";
import { isIndexable, toIndexRow } from "../search/index-rows.ts";
import { SearchIndex } from "../search/search-index.ts";
import type { DocumentStore } from "../storage/document-store.ts";
import type { GeneratedChunk } from "./conversation-generator.ts";

/** Yjs client ids are unsigned 32-bit numbers. */
const CLIENT_ID_LIMIT = 2 ** 32;

export class ChunkStorage {
  private readonly ctx: AppContext;
  private readonly store: Pick<DocumentStore, "append">;
  private readonly channelId: string;
  private readonly documentName: string;
  private readonly clientIds: ClientIdRegistry;
  private readonly index: SearchIndex;

  constructor(ctx: AppContext, store: Pick<DocumentStore, "append">, channelId: string) {
    this.ctx = ctx;
    this.store = store;
    this.channelId = channelId;
    this.documentName = channelDocumentName(channelId);
    this.clientIds = new ClientIdRegistry(ctx.db);
    this.index = new SearchIndex(ctx.db.$client);
  }

  /** A client id no one has written the channel's document under. */
  newClientId(): number {
    const owners = this.clientIds.ownersOf(this.documentName);
    for (;;) {
      const id = randomInt(1, CLIENT_ID_LIMIT);
      if (owners.ownerOf(id) === undefined) return id;
    }
  }

  write(chunk: GeneratedChunk): void {
    const rows = chunk.messages.filter(isIndexable).map((m) => toIndexRow(this.channelId, m));
    this.ctx.db.$client
      .transaction(() => {
        this.store.append(this.documentName, chunk.update);
        this.clientIds.claim(this.documentName, [chunk.clientId], SERVER_OWNER);
        this.index.write(rows);
      })
      .immediate();
  }
}
