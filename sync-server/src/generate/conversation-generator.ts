// Writes a synthetic conversation into a channel through @openvibe/schema's operations only,
// handing it out in chunks of about `chunkMessages` messages so any size fits in bounded memory.
//
// Each chunk is written in its own Y.Doc (under its own Yjs client id, as a channel is written
// by many sessions) and handed out as one update: what the chunk added. A chunk's document holds
// only what its operations need: the channel's layout and, when a thread goes on from the
// previous chunk, that thread's entry (its first transaction, kept as a small update: such a
// thread starts its chunk, so that transaction is its Yjs client's first and applies alone). The
// layout comes from a throwaway document and is never part of a chunk's update: the server
// initialises a stored document when it loads it, as it does every channel's. Reactions, edits,
// deletions and forks touch only messages of the same chunk, so every change to a message is
// in the chunk that created it and a chunk's read models are final.
import {
  type Actor,
  abandonFork,
  createFork,
  createThread,
  deleteMessage,
  type Env,
  editMessage,
  initChannel,
  postMessage,
  react,
  readSearchableMessage,
  resolveFork,
  type SearchableMessage,
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

/** What one chunk added to the channel. */
export interface GeneratedChunk {
  /** The chunk's Yjs update (only what it added). */
  update: Uint8Array;
  /** The Yjs client id it was written under. */
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
  /** A Yjs client id nobody has written this channel's document under. */
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

class Chunk {
  readonly doc = new Y.Doc();
  readonly messageIds: string[] = [];
  recent: Recent[] = [];
  private readonly before: Uint8Array;

  constructor(clientId: number, layout: Uint8Array, thread: Uint8Array | null) {
    this.doc.clientID = clientId;
    Y.applyUpdate(this.doc, layout);
    if (thread !== null) Y.applyUpdate(this.doc, thread);
    this.before = Y.encodeStateVector(this.doc);
  }

  finish(): GeneratedChunk {
    const chunk = {
      update: Y.encodeStateAsUpdate(this.doc, this.before),
      clientId: this.doc.clientID,
      messages: this.messageIds.flatMap((id) => readSearchableMessage(this.doc, id) ?? []),
    };
    this.doc.destroy();
    return chunk;
  }
}

export class ConversationGenerator {
  private readonly request: GenerationRequest;
  private readonly random: Random;
  private readonly env: GeneratorEnv;
  private readonly authors: AuthorPicker;
  private readonly layout: Uint8Array;
  private chunk: Chunk;
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
    const layout = new Y.Doc();
    initChannel(layout, request.channelId);
    this.layout = Y.encodeStateAsUpdate(layout);
    layout.destroy();
    this.chunk = new Chunk(request.newClientId(), this.layout, null);
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

  /** Counts a new message; `pickable`: later reactions, edits, deletions and forks may pick it. */
  private created(id: string, author: number, body: string, pickable: boolean): void {
    this.chunk.messageIds.push(id);
    this.report.messages += 1;
    if (!pickable) return;
    this.chunk.recent.push({ id, author, body, reactions: new Set() });
    if (this.chunk.recent.length > RECENT) this.chunk.recent.shift();
  }

  private writeThread(size: number, times: ThreadTimes): void {
    // A thread that does not fit in what is left of the chunk starts a new one, so its first
    // transaction is the first of the chunk's client and can be applied alone in the chunks
    // that follow.
    if (size > this.request.chunkMessages - this.chunk.messageIds.length) this.nextChunk(null);
    this.env.ms = times.startMs;
    this.chunk.recent = [];
    const author = this.authors.writer();
    const body = this.body(author);
    const before = Y.encodeStateVector(this.chunk.doc);
    const { threadId, messageId } = createThread(
      this.chunk.doc,
      this.actor(author),
      { title: threadTitle(this.random), body },
      this.env,
    );
    const thread = Y.encodeStateAsUpdate(this.chunk.doc, before);
    this.report.threads += 1;
    this.created(messageId, author, body, true);
    let left = size - 1;
    while (left > 0) {
      if (this.chunk.messageIds.length >= this.request.chunkMessages) this.nextChunk(thread);
      this.env.ms += gap(this.random, times.meanGapMs);
      left -= left >= 2 && this.random.next() < RATES.fork ? this.fork(threadId, left) : 0;
      if (left > 0) {
        this.post(threadId);
        left -= 1;
      }
      this.afterMessage();
    }
  }

  private post(threadId: string, forkId?: string): void {
    const author = this.authors.writer();
    const body = this.body(author);
    const id = postMessage(
      this.chunk.doc,
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
      this.chunk.doc,
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
        this.chunk.doc,
        this.actor(author),
        { forkId, resolution },
        this.env,
      );
      this.created(summaryMessageId, author, resolution, false);
      return posts + 1;
    }
    if (outcome < 0.8) abandonFork(this.chunk.doc, this.actor(author), { forkId }, this.env);
    return posts;
  }

  private pickRecent(): Recent | undefined {
    const recent = this.chunk.recent;
    return recent.length === 0 ? undefined : recent[this.random.int(recent.length)];
  }

  /** Now and then: reactions to, an edit of or the deletion of a recent message. */
  private afterMessage(): void {
    const doc = this.chunk.doc;
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

  /** Hands out the chunk, if it holds anything, and goes on in a new one (with `thread`). */
  private nextChunk(thread: Uint8Array | null): void {
    if (this.chunk.messageIds.length === 0) return;
    this.handOut();
    this.chunk = new Chunk(this.request.newClientId(), this.layout, thread);
  }

  private handOut(): void {
    const chunk = this.chunk.finish();
    this.request.write(chunk);
    this.report.chunks += 1;
    this.report.bytes += chunk.update.byteLength;
  }
}
