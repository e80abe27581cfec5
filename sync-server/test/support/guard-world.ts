// A server document and a peer's replica for judging updates with the write guard's inspector
// in process: what the peer's replica emits for a write is captured as the provider would send
// it (one V1 update per transaction, merged) and inspected against the server's document.
import { type Actor, WRITE_RULES, type WriteRuleTable, type Writer } from "@openvibe/schema";
import * as Y from "yjs";
import { type Inspection, inspectUpdate } from "../../src/collaboration/update-inspection.ts";

export interface WriterOptions {
  access?: Writer["access"];
  moderator?: boolean;
  /** Task ids this writer holds (agents). */
  tasks?: readonly string[];
}

export function testWriter(actor: Actor, options: WriterOptions = {}): Writer {
  const tasks = new Set(options.tasks ?? []);
  return {
    actor,
    clientOwner: actor.id,
    access: options.access ?? "write",
    moderator: options.moderator ?? false,
    actsAs: (actorId) => actorId === actor.id,
    mayWriteTask: (taskId, agentId) =>
      actor.kind === "agent" && agentId === actor.id && tasks.has(taskId),
  };
}

/** Client-id owners kept in memory, claimed as the server does once it applied an update. */
export class MemoryClientIdOwners {
  readonly owners = new Map<number, string>();
  ownerOf(clientId: number): string | undefined {
    return this.owners.get(clientId);
  }
  claim(inspection: Inspection, ownerId: string): void {
    if (!inspection.allowed) return;
    for (const clientId of inspection.claimedClientIds) this.owners.set(clientId, ownerId);
  }
}

/** A peer's replica of `server`: writes on it produce the update it would send. */
export class PeerReplica {
  readonly doc = new Y.Doc();
  readonly writer: Writer;
  private readonly server: Y.Doc;
  private readonly owners: MemoryClientIdOwners;
  private readonly rules: WriteRuleTable;

  /** `rules`: the server's table for this document (a one-document channel's by default). */
  constructor(
    server: Y.Doc,
    writer: Writer,
    owners: MemoryClientIdOwners,
    rules: WriteRuleTable = WRITE_RULES,
  ) {
    this.server = server;
    this.writer = writer;
    this.owners = owners;
    this.rules = rules;
    this.pull();
  }

  /** Catches up with the server, as a sync step 2 from it does. */
  pull(): void {
    Y.applyUpdate(this.doc, Y.encodeStateAsUpdate(this.server, Y.encodeStateVector(this.doc)));
  }

  /** The update this replica emits for `write`, not yet applied to the server. */
  sent(write: (doc: Y.Doc) => void): Uint8Array {
    const updates: Uint8Array[] = [];
    const listener = (update: Uint8Array) => updates.push(update);
    this.doc.on("update", listener);
    try {
      write(this.doc);
    } finally {
      this.doc.off("update", listener);
    }
    return Y.mergeUpdates(updates);
  }

  /** What this replica has that the server lacks, as a reconnecting provider's sync step 2. */
  pending(): Uint8Array {
    return Y.encodeStateAsUpdate(this.doc, Y.encodeStateVector(this.server));
  }

  inspect(update: Uint8Array): Inspection {
    return inspectUpdate(this.server, update, this.writer, this.owners, this.rules);
  }

  /** Inspects `update` and, when allowed, applies it to the server as the guard lets it. */
  deliver(update: Uint8Array): Inspection {
    const inspection = this.inspect(update);
    this.owners.claim(inspection, this.writer.clientOwner);
    if (inspection.allowed) Y.applyUpdate(this.server, update);
    return inspection;
  }
}
