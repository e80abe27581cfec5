// Hocuspocus extension that runs the projections of channel messages which do not decide whether
// an update is accepted (the search index, attachment references, agent-mention tasks, push
// notifications) once per event-loop turn instead of once per update. Inside Yjs's update
// handling it only notes which messages each transaction touched, and who sent it; at the end of
// the turn it reads each of those messages once, from the document as it stands, and hands the
// batch to every projection. So a burst of updates to one document (a writer at full speed, a
// reconnecting client's backlog, an agent streaming a reply) costs one pass per turn, and each
// database read a projection needs (the channel, live attachment references) is made once per
// batch. The turn ends before the group commit acknowledges any of those updates, so a projection
// has run for an update before its sender hears it was stored. Pending work is run when a document
// unloads and when the server stops (`flush`). A split channel's thread documents are watched like
// channel documents, the channel id taken from their name.
import type {
  afterLoadDocumentPayload,
  afterUnloadDocumentPayload,
  beforeUnloadDocumentPayload,
  Extension,
} from "@hocuspocus/server";
import {
  type MentionFacts,
  observeChannelChanges,
  observeMessageContent,
  readMentionFacts,
  readSearchableMessage,
  type SearchableMessage,
} from "@openvibe/schema";
import type * as Y from "yjs";
import type { Logger } from "../logger.ts";
import { channelIdOfDocument } from "./document-naming.ts";

/** The transaction that brought a message or changed its mentions. */
export interface MessageArrival {
  /** The transaction's origin: the sender's connection, or the server's own. */
  readonly origin: unknown;
  /** When the server applied it (its clock). */
  readonly receivedAt: number;
}

/** What the updates of one turn changed in one channel document. */
export interface ChannelMessageBatch {
  readonly channelId: string;
  readonly document: Y.Doc;
  /**
   * Messages whose searchable content changed (added, edited, appended to, deleted, mentions,
   * pinned, forked from, thread renamed).
   */
  readonly changed: readonly string[];
  /** Messages that appeared, with the first transaction that brought each. */
  readonly added: ReadonlyMap<string, MessageArrival>;
  /** Messages that existed before whose mentions changed, with the last such transaction. */
  readonly mentionsChanged: ReadonlyMap<string, MessageArrival>;
  /** The message as it stands now, read once per batch; undefined when gone or malformed. */
  message(id: string): SearchableMessage | undefined;
  /** Its mention facts as they stand now, read once per batch. */
  mentionFacts(id: string): MentionFacts | undefined;
}

/** A projection of channel messages, run once per turn with what the turn's updates changed. */
export interface MessageProjection {
  /** Named in the log when it fails. */
  readonly projectionName: string;
  project(batch: ChannelMessageBatch): void;
  /** Writes what it holds back for a later write (run when the server stops). */
  flush?(): void;
}

export interface MessageProjectionsOptions {
  projections: readonly MessageProjection[];
  logger: Logger;
  /** The server's clock (tests move it). */
  now?: () => number;
}

interface Pending {
  changed: Set<string>;
  added: Map<string, MessageArrival>;
  mentionsChanged: Map<string, MessageArrival>;
}

interface Watched {
  channelId: string;
  document: Y.Doc;
  pending: Pending;
  stop: () => void;
}

function emptyPending(): Pending {
  return { changed: new Set(), added: new Map(), mentionsChanged: new Map() };
}

export class MessageProjections implements Extension {
  readonly extensionName = "openvibe-message-projections";
  private readonly options: MessageProjectionsOptions;
  private readonly watched = new Map<string, Watched>();
  /** Documents with changes waiting for the end of the turn. */
  private readonly dirty = new Set<Watched>();
  private scheduled: NodeJS.Immediate | null = null;

  constructor(options: MessageProjectionsOptions) {
    this.options = options;
  }

  async afterLoadDocument({ document, documentName }: afterLoadDocumentPayload): Promise<void> {
    const channelId = channelIdOfDocument(documentName);
    if (channelId === null) return;
    const entry: Watched = { channelId, document, pending: emptyPending(), stop: () => {} };
    const now = this.options.now ?? Date.now;
    // Both run inside Yjs's update handling: they only take notes.
    const stopContent = observeMessageContent(document, ({ messageIds }) => {
      for (const id of messageIds) entry.pending.changed.add(id);
      this.markDirty(entry);
    });
    const stopChanges = observeChannelChanges(
      document,
      ({ origin, addedMessages, mentionsChanged }) => {
        if (addedMessages.length + mentionsChanged.length === 0) return;
        const arrival: MessageArrival = { origin, receivedAt: now() };
        const { added, mentionsChanged: changedMentions } = entry.pending;
        for (const id of addedMessages) if (!added.has(id)) added.set(id, arrival);
        for (const id of mentionsChanged) if (!added.has(id)) changedMentions.set(id, arrival);
        this.markDirty(entry);
      },
    );
    entry.stop = () => {
      stopContent();
      stopChanges();
    };
    this.watched.set(documentName, entry);
  }

  /** Projects what waits; the document is still watched, as its unload may yet be called off. */
  async beforeUnloadDocument({ documentName }: beforeUnloadDocumentPayload): Promise<void> {
    const entry = this.watched.get(documentName);
    if (entry !== undefined) this.project(entry);
  }

  async afterUnloadDocument({ documentName }: afterUnloadDocumentPayload): Promise<void> {
    const entry = this.watched.get(documentName);
    // A document loaded again under this name meanwhile is another one, still watched.
    if (entry === undefined || !entry.document.isDestroyed) return;
    this.project(entry);
    entry.stop();
    this.watched.delete(documentName);
  }

  /**
   * Runs every projection for what waits now, and has each write what it holds back (the server
   * calls it when it stops).
   */
  flush(): void {
    this.projectWaiting();
    for (const projection of this.options.projections) projection.flush?.();
  }

  private projectWaiting(): void {
    if (this.scheduled !== null) clearImmediate(this.scheduled);
    this.scheduled = null;
    for (const entry of [...this.dirty]) this.project(entry);
  }

  private markDirty(entry: Watched): void {
    this.dirty.add(entry);
    this.scheduled ??= setImmediate(() => {
      this.scheduled = null;
      this.projectWaiting();
    });
  }

  private project(entry: Watched): void {
    this.dirty.delete(entry);
    const { pending } = entry;
    if (pending.changed.size + pending.added.size + pending.mentionsChanged.size === 0) return;
    entry.pending = emptyPending();
    const batch = readBatch(entry.channelId, entry.document, pending);
    for (const projection of this.options.projections) {
      try {
        projection.project(batch);
      } catch (error) {
        this.options.logger.error(
          { err: error, channelId: entry.channelId, projection: projection.projectionName },
          "a projection of channel messages failed",
        );
      }
    }
  }
}

function readBatch(channelId: string, document: Y.Doc, pending: Pending): ChannelMessageBatch {
  const messages = new Map<string, SearchableMessage | undefined>();
  const facts = new Map<string, MentionFacts | undefined>();
  return {
    channelId,
    document,
    changed: [...pending.changed],
    added: pending.added,
    mentionsChanged: pending.mentionsChanged,
    message(id) {
      if (!messages.has(id)) messages.set(id, readSearchableMessage(document, id));
      return messages.get(id);
    },
    mentionFacts(id) {
      if (!facts.has(id)) facts.set(id, readMentionFacts(document, id));
      return facts.get(id);
    },
  };
}
