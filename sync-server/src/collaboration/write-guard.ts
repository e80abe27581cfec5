// Hocuspocus extension that checks every update every peer sends (members, admins, agents,
// bridges acting for an agent, guests) against who sent it, before Hocuspocus applies it: the
// rules are @openvibe/schema's, the table for the kind of document (document-write-rules.ts: by
// its name and the server's own copy's layout), the decoding update-inspection.ts. A refused update
// ends that document's connection with the `write-refused` close code, before the update reaches
// the document, the store or another peer; it is logged and written to the audit log. Hocuspocus
// cannot refuse one update and keep the connection, so the honest client must not resend it.
import type {
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  beforeHandleAwarenessPayload,
  beforeHandleMessagePayload,
  Extension,
} from "@hocuspocus/server";
import { isTransactionOrigin } from "@hocuspocus/server";
import { CLOSE_CODES, tooFastReason } from "@openvibe/schema";
import { recordAudit } from "../audit/audit-log.ts";
import type { AppContext } from "../context.ts";
import type { Logger } from "../logger.ts";
import { TokenBuckets } from "../rate-limit/token-buckets.ts";
import { storedDocumentBytes } from "../storage/stored-size.ts";
import { ClientIdRegistry } from "./client-id-registry.ts";
import { authenticatedContext, type ConnectionContext } from "./connection-context.ts";
import { writeRulesForDocument } from "./document-write-rules.ts";
import { updateInFrame, writesAnything } from "./sync-frames.ts";
import { inspectUpdate } from "./update-inspection.ts";
import { writerOf } from "./writer-of.ts";

/**
 * Thrown from a hook to refuse a peer's write: Hocuspocus closes the document connection
 * with this error's `code` and `reason` and drops the frames queued behind it.
 */
export class WriteRefused extends Error {
  readonly code = CLOSE_CODES.writeRefused.code;
  readonly reason = CLOSE_CODES.writeRefused.reason;

  constructor(why: string) {
    super(`write refused: ${why}`);
    this.name = "WriteRefused";
  }
}

/**
 * Thrown from a hook when a principal sends updates faster than it may: resend after the pause
 * the reason says (`waitMs`, schema/src/too-fast.ts).
 */
export class TooManyWrites extends Error {
  readonly code = CLOSE_CODES.tooManyWrites.code;
  readonly reason: string;

  constructor(waitMs: number) {
    super("too many writes");
    this.name = "TooManyWrites";
    this.reason = tooFastReason(CLOSE_CODES.tooManyWrites.reason, waitMs);
  }
}

export interface WriteGuardOptions {
  ctx: AppContext;
  logger: Logger;
  /** false: only guests' ("react") updates are checked, as before the guard (benchmarks). */
  enabled: boolean;
  /** Updates one principal may send per second on average; bursts of ten seconds' worth. */
  writesPerSecond: number;
  /** Largest a document may grow in the store; updates past it are refused. */
  maxDocumentBytes: number;
  /** Told of every update not applied (metrics). */
  onRefusal?: (kind: "refused" | "too-many-writes") => void;
}

/** How many seconds of a principal's write rate it may send at once. */
const BURST_SECONDS = 10;

/**
 * Presence client ids one connection may claim (an honest provider announces one: its
 * document's); past it, presence under new ids is dropped, so no connection fills the table.
 */
const PRESENCE_CLAIMS_PER_CONNECTION = 4;

/**
 * Origins of updates written by others than this server: peers' (the guard checked them) and
 * those another server relayed (extension-redis).
 */
const PEER_SOURCES: ReadonlySet<string> = new Set(["connection", "redis"]);

export class WriteGuard implements Extension {
  readonly extensionName = "openvibe-write-guard";
  private readonly options: WriteGuardOptions;
  private readonly clientIds: ClientIdRegistry;
  private readonly writeRate: TokenBuckets;
  /** Per loaded document: its stored bytes at load plus every update accepted since. */
  private readonly documentBytes = new Map<string, number>();
  /** Per loaded document whose server client id is not claimed yet: stops waiting for it. */
  private readonly serverClaims = new Map<string, () => void>();
  /** Presence client ids each document connection has claimed. */
  private readonly presenceClaims = new WeakMap<object, Set<number>>();

  constructor(options: WriteGuardOptions) {
    this.options = options;
    this.clientIds = new ClientIdRegistry(options.ctx.db);
    this.writeRate = new TokenBuckets(
      options.writesPerSecond,
      options.writesPerSecond * BURST_SECONDS,
    );
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    this.documentBytes.set(documentName, storedDocumentBytes(this.options.ctx.db, documentName));
    // The server writes under its document's client id (set-up, late arrivals): nobody else may.
    // Claimed at its first write, before that write is stored or sent, as a peer's first write
    // claims: no peer sees the id before then. Most loads write nothing, and a claim is a
    // synchronous commit (an fsync) on the event loop, which the load no longer waits for.
    const onUpdate = (_update: Uint8Array, origin: unknown) => {
      if (isTransactionOrigin(origin) && PEER_SOURCES.has(origin.source)) return;
      document.off("update", onUpdate);
      this.serverClaims.delete(documentName);
      this.claimForServer(documentName, document.clientID);
    };
    document.on("update", onUpdate);
    this.serverClaims.set(documentName, () => document.off("update", onUpdate));
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    this.serverClaims.get(documentName)?.();
    this.serverClaims.delete(documentName);
    this.clientIds.forget(documentName);
    this.documentBytes.delete(documentName);
  }

  /** Records the presence claims held while the document did not exist (a write creates it). */
  private recordHeldClaims(documentName: string): void {
    const unrecorded = this.clientIds.recordHeld(documentName);
    if (unrecorded !== null) {
      this.options.logger.warn(
        { err: unrecorded, document: documentName },
        "presence client ids are claimed in memory only: the database takes no writes",
      );
    }
  }

  private claimForServer(documentName: string, clientId: number): void {
    const unrecorded = this.clientIds.claimForServer(documentName, clientId);
    if (unrecorded !== null) {
      this.options.logger.warn(
        { err: unrecorded, document: documentName },
        "the server's client id is claimed in memory only: the database takes no writes",
      );
    }
  }

  /**
   * A client id shows in presence before its owner writes under it: whoever saw it could write
   * under it first and own it, and the owner's later writes under it (offline ones too) would be
   * dropped as content the server already has. So a connection announcing presence under a client
   * id nobody owns claims it, as a first write would; presence under another principal's client
   * id is dropped.
   */
  async beforeHandleAwareness({
    context,
    connection,
    document,
    documentName,
    states,
  }: beforeHandleAwarenessPayload): Promise<void> {
    if (!this.options.enabled || connection === undefined) return;
    const sender = authenticatedContext(context);
    if (sender === undefined) return;
    const owner = writerOf(this.options.ctx, sender).clientOwner;
    const owners = this.clientIds.ownersOf(documentName);
    let claimed = this.presenceClaims.get(connection);
    if (claimed === undefined) {
      claimed = new Set();
      this.presenceClaims.set(connection, claimed);
    }
    const claims: number[] = [];
    for (const clientId of [...states.keys()]) {
      const current = owners.ownerOf(clientId);
      if (current === owner) continue;
      if (current === undefined && claimed.size < PRESENCE_CLAIMS_PER_CONNECTION) {
        claimed.add(clientId);
        claims.push(clientId);
        continue;
      }
      states.delete(clientId);
    }
    // A document with nothing in it does not exist yet (a reader following a link to a missing
    // thread): its readers store nothing; the claims are recorded once a write creates it.
    if (document.store.clients.size === 0) {
      this.clientIds.hold(documentName, claims, owner);
      return;
    }
    const unrecorded = this.clientIds.claimOrHold(documentName, claims, owner);
    if (unrecorded !== null) {
      this.options.logger.warn(
        { err: unrecorded, document: documentName },
        "a presence client id is claimed in memory only: the database takes no writes",
      );
    }
  }

  async beforeHandleMessage({
    context,
    document,
    documentName,
    update,
  }: beforeHandleMessagePayload) {
    const sender = authenticatedContext(context);
    if (sender === undefined || sender.access === "read") return;
    if (!this.options.enabled && sender.access !== "react") return;
    let payload: Uint8Array | null;
    try {
      payload = updateInFrame(update);
    } catch {
      return this.refuse(sender, documentName, "malformed message");
    }
    if (!writesAnything(payload)) return;
    if (!this.writeRate.take(sender.principal.user.id)) {
      this.options.logger.warn(
        { channelId: sender.channelId, userId: sender.principal.user.id },
        "too many writes",
      );
      this.options.onRefusal?.("too-many-writes");
      throw new TooManyWrites(this.writeRate.turnMs(sender.principal.user.id));
    }
    const bytes = (this.documentBytes.get(documentName) ?? 0) + payload.byteLength;
    if (this.options.enabled && bytes > this.options.maxDocumentBytes) {
      return this.refuse(
        sender,
        documentName,
        `the document is full (${this.options.maxDocumentBytes} bytes)`,
      );
    }
    const rules = writeRulesForDocument(documentName, document);
    if (rules === null) {
      return this.refuse(
        sender,
        documentName,
        "the document's name and its content are of different kinds",
      );
    }
    const writer = writerOf(this.options.ctx, sender);
    const inspection = inspectUpdate(
      document,
      payload,
      writer,
      this.clientIds.ownersOf(documentName),
      rules,
    );
    if (!inspection.allowed) return this.refuse(sender, documentName, inspection.why);
    this.clientIds.claim(documentName, inspection.claimedClientIds, writer.clientOwner);
    this.recordHeldClaims(documentName);
    this.documentBytes.set(documentName, bytes);
  }

  private refuse(sender: ConnectionContext, documentName: string, why: string): never {
    const userId = sender.principal.user.id;
    this.options.logger.warn(
      { channelId: sender.channelId, document: documentName, userId, why },
      "write refused",
    );
    recordAudit(this.options.ctx, {
      actorId: userId,
      action: "document.write_refused",
      targetType: "channel",
      targetId: sender.channelId,
      details: { why },
    });
    this.options.onRefusal?.("refused");
    throw new WriteRefused(why);
  }
}
