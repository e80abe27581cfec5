// Who owns each Yjs client id of each document, kept in SQLite so the binding survives restarts
// and compaction. The first principal to write under a client id owns it; the write guard reads
// owners through `ownersOf` and records new claims once it has allowed an update.
import { and, eq, sql } from "drizzle-orm";
import type { OpenVibeDatabase } from "../db/open-database.ts";
import { documentClientIds } from "../db/schema.ts";
import type { ClientIdOwners } from "./update-inspection.ts";

/** The owner recorded for the server's own client ids (initialisation, late arrivals). */
export const SERVER_OWNER = "system";

export class ClientIdRegistry {
  private readonly db: OpenVibeDatabase;
  /** Per loaded document: owners looked up so far (null: looked up, nobody owns it). */
  private readonly cache = new Map<string, Map<number, string | null>>();
  /** Per loaded document that did not exist yet: claims held in memory only (see `hold`). */
  private readonly held = new Map<string, Map<number, string>>();
  private readonly selectOwner;
  private readonly insertClaim;

  constructor(db: OpenVibeDatabase) {
    this.db = db;
    this.selectOwner = db
      .select({ ownerId: documentClientIds.ownerId })
      .from(documentClientIds)
      .where(
        and(
          eq(documentClientIds.documentName, sql.placeholder("name")),
          eq(documentClientIds.clientId, sql.placeholder("clientId")),
        ),
      )
      .prepare();
    this.insertClaim = db
      .insert(documentClientIds)
      .values({
        documentName: sql.placeholder("name"),
        clientId: sql.placeholder("clientId"),
        ownerId: sql.placeholder("ownerId"),
        claimedAt: sql.placeholder("now"),
      })
      .onConflictDoNothing()
      .prepare();
  }

  ownersOf(documentName: string): ClientIdOwners {
    const known = this.known(documentName);
    return {
      ownerOf: (clientId) => {
        let owner = known.get(clientId);
        if (owner === undefined) {
          owner = this.selectOwner.get({ name: documentName, clientId })?.ownerId ?? null;
          known.set(clientId, owner);
        }
        return owner ?? undefined;
      },
    };
  }

  /** Records `ownerId` as the owner of `clientIds` that nobody owned yet. */
  claim(documentName: string, clientIds: readonly number[], ownerId: string): void {
    if (clientIds.length === 0) return;
    const known = this.known(documentName);
    const now = Date.now();
    this.db.$client.transaction(() => {
      for (const clientId of clientIds) {
        this.insertClaim.run({ name: documentName, clientId, ownerId, now });
        known.set(
          clientId,
          this.selectOwner.get({ name: documentName, clientId })?.ownerId ?? null,
        );
      }
    })();
  }

  /**
   * Claims the server's client id of a loaded document. While the database takes no writes (a
   * full or read-only disk) the claim holds in memory until the document unloads, so the
   * document can still be opened and read; returns the error then. The server takes a new client
   * id at every load, so an id whose claim was not recorded is never written under again after.
   */
  claimForServer(documentName: string, clientId: number): unknown {
    return this.claimOrHold(documentName, [clientId], SERVER_OWNER);
  }

  /**
   * Claims `clientIds` for `ownerId` as `claim` does; while the database takes no writes the
   * claim holds in memory until the document unloads. Returns the database's error, or null.
   */
  claimOrHold(documentName: string, clientIds: readonly number[], ownerId: string): unknown {
    try {
      this.claim(documentName, clientIds, ownerId);
      return null;
    } catch (error) {
      const known = this.known(documentName);
      for (const clientId of clientIds) if (!known.get(clientId)) known.set(clientId, ownerId);
      return error;
    }
  }

  /**
   * Claims `clientIds` for `ownerId` in memory only, as long as the document stays loaded or until
   * `recordHeld`: for a document that does not exist yet, whose readers must store nothing.
   */
  hold(documentName: string, clientIds: readonly number[], ownerId: string): void {
    if (clientIds.length === 0) return;
    const known = this.known(documentName);
    let held = this.held.get(documentName);
    if (held === undefined) {
      held = new Map();
      this.held.set(documentName, held);
    }
    for (const clientId of clientIds) {
      if (known.get(clientId)) continue;
      known.set(clientId, ownerId);
      held.set(clientId, ownerId);
    }
  }

  /** Records the claims `hold` kept in memory (the document exists now). Returns as `claimOrHold`. */
  recordHeld(documentName: string): unknown {
    const held = this.held.get(documentName);
    if (held === undefined) return null;
    this.held.delete(documentName);
    const byOwner = new Map<string, number[]>();
    for (const [clientId, ownerId] of held) {
      byOwner.set(ownerId, [...(byOwner.get(ownerId) ?? []), clientId]);
    }
    let unrecorded: unknown = null;
    for (const [ownerId, clientIds] of byOwner) {
      unrecorded ??= this.claimOrHold(documentName, clientIds, ownerId);
    }
    return unrecorded;
  }

  /** Drops what is cached for a document that is no longer loaded. */
  forget(documentName: string): void {
    this.cache.delete(documentName);
    this.held.delete(documentName);
  }

  private known(documentName: string): Map<number, string | null> {
    let known = this.cache.get(documentName);
    if (known === undefined) {
      known = new Map();
      this.cache.set(documentName, known);
    }
    return known;
  }
}
