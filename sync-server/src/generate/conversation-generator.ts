// Writes a synthetic conversation into a channel in the split layout (docs/history-split.md)
// through @openvibe/schema's operations only, handing it out in chunks of about `chunkMessages`
// messages so any size fits in bounded memory.
//
// Each thread is written into its own thread document. A chunk holds a piece of each thread it
// wrote (one Y.Doc per thread, all under the chunk's own Yjs client id, as a channel is written
// by many sessions) and hands each out as one update: what the chunk added to that thread's
// document. The first piece of a thread sets the document up (its meta, as the server does when
// it first holds a thread document) and creates the thread; a thread that goes on from the
// previous chunk starts its piece from those first transactions alone (a small update: the
// previous chunk's client's first, so it applies alone). Reactions, edits, deletions and forks
// touch only messages of the same chunk, so every change to a message is in the chunk that
// created it and a chunk's read models are final. A thread written whole in one piece comes with
// its digest (the thread index entry); the storage derives the others' once their last piece is
// stored.
import {
  type Actor,
  abandonFork,
  createFork,
  createSplitThread,
  deleteMessage,
  deriveThreadIndexEntry,
  type Env,
  editMessage,
  initThreadDocument,
  postMessage,
  react,
  readSearchableMessage,
  resolveFork,
  type SearchableMessage,
  type ThreadDigest,
} from "@openvibe/schema";
import { ulid } from "ulid";
import * as Y from "yjs";
import { prng } from "../seeded-random.ts";
import {
  AuthorPicker,
  gap,
  type ThreadTimes,
  threadSizes,
  threadTimes,
} from "./conversation-shape.ts";
import {
  editedBody,
  forkTitle,
  messageBody,
  type Random,
  REACTION_EMOJI,
  resolutionText,
  threadTitle,
} from "./synthetic-text.ts";

export interface SyntheticAuthor {
  actor: Actor;
  handle: string;
}

/** What one chunk added to one thread's document. */
export interface GeneratedPiece {
  threadId: string;
  /** The Yjs update (only what the chunk added to the thread document). */
  update: Uint8Array;
  /** The thread ends in this piece: the thread document is complete once it is stored. */
  ends: boolean;
  /** The thread's digest, when this piece holds the whole thread (else derived once stored). */
  digest: ThreadDigest | undefined;
}

/** What one chunk added to the channel's thread documents. */
export interface GeneratedChunk {
  /** One per thread the chunk wrote in, in the order it wrote them. */
  pieces: GeneratedPiece[];
  /** The Yjs client id it was written under (in every piece). */
  clientId: number;
  /** The messages it created, as search reads them (deleted ones included). */
  messages: SearchableMessage[];
}

export interface GenerationRequest {
  channelId: string;
  authors: readonly SyntheticAuthor[];
  messages: number;
  threads: number;
  seed: number;
  /** The conversation happens in [fromMs, toMs). */
  fromMs: number;
  toMs: number;
  chunkMessages: number;
  /** A Yjs client id no earlier chunk of this run was written under. */
  newClientId(): number;
  /** Stores a chunk (synchronously) before the next one is written. */
  write(chunk: GeneratedChunk): void;
}

export interface GenerationReport {
  messages: number;
  threads: number;
  forks: number;
  edits: number;
  reactions: number;
  deleted: number;
  chunks: number;
  bytes: number;
}

/** Per main-line message of the thread being written: rates of what follows it. */
const RATES = { reaction: 0.2, edit: 0.04, deletion: 0.005, mention: 0.1, fork: 0.01 } as const;
/** Main-line messages of the current thread that reactions, edits, deletions and forks pick from. */
const RECENT = 8;

interface Recent {
  id: string;
  author: number;
  body: string;
  reactions: Set<string>;
}

/** The clock and ids the operations see: moved by the generator, ids from the seed. */
class GeneratorEnv implements Env {
  ms = 0;
  private readonly random: () => number;

  constructor(random: () => number) {
    this.random = random;
  }

  now(): number {
    return this.ms;
  }

  newId(): string {
    return ulid(this.ms, this.random);
  }
}

/** One thread's document as a chunk writes it. */
class Piece {
  readonly doc = new Y.Doc();
  readonly messageIds: string[] = [];
  /** The thread started in this piece (its document holds the whole thread so far). */
  readonly whole: boolean;
  ends = false;
  private readonly before: Uint8Array;

  constructor(clientId: number, thread: Uint8Array | null) {
    this.doc.clientID = clientId;
    this.whole = thread === null;
    if (thread !== null) Y.applyUpdate(this.doc, thread);
    this.before = Y.encodeStateVector(this.doc);
  }

  finish(threadId: string): GeneratedPiece {
    const digest = this.whole && this.ends ? deriveThreadIndexEntry(this.doc, threadId) : undefined;
    return {
      threadId,
      update: Y.encodeStateAsUpdate(this.doc, this.before),
      ends: this.ends,
      digest,
    };
  }
}

class Chunk {
  readonly clientId: number;
  readonly pieces = new Map<string, Piece>();
  messages = 0;
  recent: Recent[] = [];

  constructor(clientId: number) {
    this.clientId = clientId;
  }

  finish(): GeneratedChunk {
    const chunk: GeneratedChunk = { pieces: [], clientId: this.clientId, messages: [] };
    for (const [threadId, piece] of this.pieces) {
      chunk.pieces.push(piece.finish(threadId));
      for (const id of piece.messageIds) {
        const message = readSearchableMessage(piece.doc, id);
        if (message !== undefined) chunk.messages.push(message);
      }
      piece.doc.destroy();
    }
    return chunk;
  }
}

export class ConversationGenerator {
  private readonly request: GenerationRequest;
  private readonly random: Random;
  private readonly env: GeneratorEnv;
  private readonly authors: AuthorPicker;
  private chunk: Chunk;
  /** The thread being written, in this chunk. */
  private piece: Piece | undefined;
  private readonly report: GenerationReport = {
    messages: 0,
    threads: 0,
    forks: 0,
    edits: 0,
    reactions: 0,
    deleted: 0,
    chunks: 0,
    bytes: 0,
  };

  constructor(request: GenerationRequest) {
    this.request = request;
    this.random = prng(request.seed);
    this.env = new GeneratorEnv(prng(request.seed ^ 0x1d5eed).next);
    this.authors = new AuthorPicker(this.random, request.authors.length);
    this.chunk = new Chunk(request.newClientId());
  }

  run(): GenerationReport {
    const { messages, threads, fromMs, toMs } = this.request;
    for (const size of threadSizes(this.random, messages, threads)) {
      this.writeThread(size, threadTimes(this.random, size, fromMs, toMs));
    }
    this.handOut();
    return this.report;
  }

  private actor(author: number): Actor {
    const entry = this.request.authors[author];
    if (entry === undefined) throw new Error(`no synthetic author ${author}`);
    return entry.actor;
  }

  private body(author: number): string {
    const mention =
      this.request.authors.length > 1 && this.random.next() < RATES.mention
        ? (this.request.authors[this.authors.any(author)]?.handle ?? null)
        : null;
    return messageBody(this.random, mention);
  }

  /** The document of the thread being written. */
  private get doc(): Y.Doc {
    if (this.piece === undefined) throw new Error("no thread is being written");
    return this.piece.doc;
  }

  /** Counts a new message; `pickable`: later reactions, edits, deletions and forks may pick it. */
  private created(id: string, author: number, body: string, pickable: boolean): void {
    this.piece?.messageIds.push(id);
    this.chunk.messages += 1;
    this.report.messages += 1;
    if (!pickable) return;
    this.chunk.recent.push({ id, author, body, reactions: new Set() });
    if (this.chunk.recent.length > RECENT) this.chunk.recent.shift();
  }

  private writeThread(size: number, times: ThreadTimes): void {
    // A thread that does not fit in what is left of the chunk starts a new one, so its first
    // transactions are the first of the chunk's client and can be applied alone in the chunks
    // that follow.
    if (size > this.request.chunkMessages - this.chunk.messages) this.nextChunk();
    this.env.ms = times.startMs;
    this.chunk.recent = [];
    const author = this.authors.writer();
    const body = this.body(author);
    const piece = new Piece(this.chunk.clientId, null);
    const { threadId, messageId } = createSplitThread(
      (id) => {
        initThreadDocument(piece.doc, this.request.channelId, id);
        return piece.doc;
      },
      this.actor(author),
      { title: threadTitle(this.random), body },
      this.env,
    );
    const thread = Y.encodeStateAsUpdate(piece.doc);
    this.chunk.pieces.set(threadId, piece);
    this.piece = piece;
    this.report.threads += 1;
    this.created(messageId, author, body, true);
    let left = size - 1;
    while (left > 0) {
      if (this.chunk.messages >= this.request.chunkMessages) {
        this.nextChunk();
        this.piece = new Piece(this.chunk.clientId, thread);
        this.chunk.pieces.set(threadId, this.piece);
      }
      this.env.ms += gap(this.random, times.meanGapMs);
      left -= left >= 2 && this.random.next() < RATES.fork ? this.fork(threadId, left) : 0;
      if (left > 0) {
        this.post(threadId);
        left -= 1;
      }
      this.afterMessage();
    }
    this.piece.ends = true;
  }

  private post(threadId: string, forkId?: string): void {
    const author = this.authors.writer();
    const body = this.body(author);
    const id = postMessage(
      this.doc,
      this.actor(author),
      forkId === undefined ? { threadId, body } : { threadId, forkId, body },
      this.env,
    );
    this.created(id, author, body, forkId === undefined);
  }

  /** A fork of a recent message with a few messages, resolved, abandoned or left open. */
  private fork(threadId: string, budget: number): number {
    const parent = this.pickRecent();
    if (parent === undefined) return 0;
    const author = this.authors.any();
    const forkId = createFork(
      this.doc,
      this.actor(author),
      { messageId: parent.id, title: forkTitle(this.random) },
      this.env,
    );
    this.report.forks += 1;
    const posts = 1 + this.random.int(Math.min(4, budget - 1));
    for (let i = 0; i < posts; i++) {
      this.env.ms += gap(this.random, 60_000);
      this.post(threadId, forkId);
    }
    const outcome = this.random.next();
    if (posts < budget && outcome < 0.6) {
      const resolution = resolutionText(this.random);
      const { summaryMessageId } = resolveFork(
        this.doc,
        this.actor(author),
        { forkId, resolution },
        this.env,
      );
      this.created(summaryMessageId, author, resolution, false);
      return posts + 1;
    }
    if (outcome < 0.8) abandonFork(this.doc, this.actor(author), { forkId }, this.env);
    return posts;
  }

  private pickRecent(): Recent | undefined {
    const recent = this.chunk.recent;
    return recent.length === 0 ? undefined : recent[this.random.int(recent.length)];
  }

  /** Now and then: reactions to, an edit of or the deletion of a recent message. */
  private afterMessage(): void {
    const doc = this.doc;
    const target = this.pickRecent();
    if (target === undefined) return;
    if (this.random.next() < RATES.reaction) {
      for (let i = 1 + this.random.int(3); i > 0; i--) {
        const reactor = this.authors.any(target.author);
        const emoji = this.random.pick(REACTION_EMOJI);
        const key = `${reactor}|${emoji}`;
        if (target.reactions.has(key)) continue;
        target.reactions.add(key);
        react(doc, this.actor(reactor), { messageId: target.id, emoji }, this.env);
        this.report.reactions += 1;
      }
    }
    if (this.random.next() < RATES.edit) {
      target.body = editedBody(this.random, target.body);
      editMessage(
        doc,
        this.actor(target.author),
        { messageId: target.id, body: target.body },
        this.env,
      );
      this.report.edits += 1;
    } else if (this.random.next() < RATES.deletion) {
      deleteMessage(doc, this.actor(target.author), { messageId: target.id }, this.env);
      this.chunk.recent = this.chunk.recent.filter((r) => r !== target);
      this.report.deleted += 1;
    }
  }

  /** Hands out the chunk, if it holds anything, and goes on in a new one. */
  private nextChunk(): void {
    if (this.chunk.messages === 0) return;
    this.handOut();
    this.chunk = new Chunk(this.request.newClientId());
    this.piece = undefined;
  }

  private handOut(): void {
    const chunk = this.chunk.finish();
    this.request.write(chunk);
    this.report.chunks += 1;
    this.report.bytes += chunk.pieces.reduce((sum, piece) => sum + piece.update.byteLength, 0);
  }
}
