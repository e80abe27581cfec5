// Deterministic channel content for the persistence benchmark, written only
// through @openvibe/schema operations: threads of about 50 messages with
// 40-200 character bodies, ids and clock from a seeded generator.

import {
  type Actor,
  createThread,
  type Env,
  initChannel,
  initSplitChannel,
  initThreadDocument,
  postMessage,
  repairThreadIndex,
} from "@openvibe/schema";
import * as Y from "yjs";
import { seededRandom } from "../../sync-server/src/seeded-random.ts";

export const BENCH_ACTOR: Actor = { kind: "human", id: "u1" };
export const BENCH_CHANNEL_ID = "bench";

const WORDS = (
  "the a to and of we it is in for on that this with be deploy build test merge branch " +
  "review patch release server client sync document channel thread message update store " +
  "latency queue worker index schema migration agent reply fork pin reaction offline " +
  "reconnect snapshot compaction benchmark flaky timeout retry config env docker node " +
  "yesterday today tomorrow please thanks looks good done ok maybe think need should could"
).split(" ");
const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

export { seededRandom };

export interface BenchEnv extends Env {
  /** Moves the clock forward by a random 5 s to 10 min (time between two messages). */
  tick(): void;
}

/** A deterministic Env: a clock that moves only on tick(), ULID-shaped ids from the seed. */
export function createBenchEnv(seed: number, startMs: number): BenchEnv {
  const random = seededRandom(seed);
  let nowMs = startMs;
  return {
    now: () => nowMs,
    newId: () => {
      let id = "";
      for (let i = 0; i < 26; i++) id += CROCKFORD[Math.floor(random() * 32)];
      return id;
    },
    tick: () => {
      nowMs += 5_000 + Math.floor(random() * 595_000);
    },
  };
}

/**
 * `env` whose next id is `threadId`: createThread (or createSplitThread) then creates the thread
 * a thread document is already named after (its first id is the thread's); later ids are env's.
 */
export function namingThread(env: Env, threadId: string): Env {
  let named = false;
  return {
    now: () => env.now(),
    newId: () => {
      if (named) return env.newId();
      named = true;
      return threadId;
    },
  };
}

/** A message body of 40-200 characters made of chat-like words. */
export function randomBody(random: () => number): string {
  const target = 40 + Math.floor(random() * 161);
  let body = "";
  while (body.length < target) {
    const word = WORDS[Math.floor(random() * WORDS.length)] ?? "ok";
    body = body.length === 0 ? word : `${body} ${word}`;
  }
  return body.slice(0, target).trimEnd();
}

function randomClientId(random: () => number): number {
  return 1 + Math.floor(random() * 0x7ffffffe);
}

export interface ChannelFixture {
  /** The whole channel as one Yjs update. */
  state: Uint8Array;
  messages: number;
  threads: number;
  /** The newest thread: the benchmark appends there. */
  lastThreadId: string;
  /** Clock value after the last message, for appends that follow. */
  endMs: number;
}

/**
 * Builds a channel of `messages` messages in threads of 40-60 messages.
 *
 * Each thread is written in its own replica of the channel (its own Yjs client id, as a
 * thread is written over many sessions) and merged into the channel afterwards. Besides
 * being realistic, that keeps building linear: postMessage looks at every message of the
 * document it writes to, so writing 100k messages into one document is quadratic.
 * `channelId` is the id written into the document (a server refuses a document of another
 * channel).
 */
export function buildChannel(
  messages: number,
  seed: number,
  onProgress: (done: number) => void,
  channelId: string = BENCH_CHANNEL_ID,
): ChannelFixture {
  const random = seededRandom(seed);
  const env = createBenchEnv(seed ^ 0x5eed, 1_700_000_000_000);
  const channel = new Y.Doc();
  channel.clientID = randomClientId(random);
  initChannel(channel, channelId);
  const base = Y.encodeStateAsUpdate(channel);
  const baseVector = Y.encodeStateVector(channel);
  let threads = 0;
  let lastThreadId = "";
  writeThreads({
    messages,
    random,
    env,
    author: BENCH_ACTOR,
    onProgress,
    prepare: (replica) => Y.applyUpdate(replica, base),
    written: (replica, threadId) => {
      Y.applyUpdate(channel, Y.encodeStateAsUpdate(replica, baseVector));
      threads += 1;
      lastThreadId = threadId;
    },
  });
  const state = Y.encodeStateAsUpdate(channel);
  channel.destroy();
  env.tick();
  return { state, messages, threads, lastThreadId, endMs: env.now() };
}

interface ThreadWriting {
  messages: number;
  random: () => number;
  env: BenchEnv;
  author: Actor;
  onProgress: (done: number) => void;
  /** Sets up a thread's fresh replica before its thread is created. */
  prepare?: (replica: Y.Doc) => void;
  /** Right after the thread is created, before its other messages. */
  created?: (replica: Y.Doc, threadId: string) => void;
  /** The thread is written; its replica is destroyed after this. */
  written: (replica: Y.Doc, threadId: string) => void;
}

/**
 * Writes `messages` messages in threads of 40-60 messages, each thread in its own replica (its
 * own Yjs client id, as a thread is written over many sessions), reporting progress every 10,000.
 */
function writeThreads(writing: ThreadWriting): void {
  const { messages, random, env, author } = writing;
  let written = 0;
  let reported = 0;
  while (written < messages) {
    const length = Math.min(messages - written, 40 + Math.floor(random() * 21));
    const replica = new Y.Doc();
    replica.clientID = randomClientId(random);
    writing.prepare?.(replica);
    env.tick();
    const title = randomBody(random).slice(0, 60);
    const { threadId } = createThread(replica, author, { title, body: randomBody(random) }, env);
    writing.created?.(replica, threadId);
    for (let i = 1; i < length; i++) {
      env.tick();
      postMessage(replica, author, { threadId, body: randomBody(random) }, env);
    }
    writing.written(replica, threadId);
    replica.destroy();
    written += length;
    if (written - reported >= 10_000) {
      reported = written;
      writing.onProgress(written);
    }
  }
}

export interface SplitChannelFixture {
  /** The split channel document (meta and the index of digests), as the server writes it. */
  channel: Uint8Array;
  /** Each thread's document, oldest thread first (the last one is the newest). */
  threads: { threadId: string; state: Uint8Array }[];
  messages: number;
  /** Clock value after the last message, for appends that follow. */
  endMs: number;
}

/**
 * The split layout of buildChannel's channel: `messages` messages in threads of 40-60 messages,
 * each thread in its own thread document (written in its own replica, with the meta the server
 * sets up), and the channel document holding the digests the server derives from them. Every
 * message is by `author`.
 */
export function buildSplitChannel(
  messages: number,
  seed: number,
  channelId: string,
  onProgress: (done: number) => void = () => {},
  author: Actor = BENCH_ACTOR,
): SplitChannelFixture {
  const random = seededRandom(seed);
  const env = createBenchEnv(seed ^ 0x5eed, 1_700_000_000_000);
  const channel = new Y.Doc();
  channel.clientID = randomClientId(random);
  initSplitChannel(channel, channelId);
  const threads: SplitChannelFixture["threads"] = [];
  writeThreads({
    messages,
    random,
    env,
    author,
    onProgress,
    created: (replica, threadId) => initThreadDocument(replica, channelId, threadId),
    written: (replica, threadId) => {
      repairThreadIndex(channel, replica);
      threads.push({ threadId, state: Y.encodeStateAsUpdate(replica) });
    },
  });
  const state = Y.encodeStateAsUpdate(channel);
  channel.destroy();
  env.tick();
  return { channel: state, threads, messages, endMs: env.now() };
}

/**
 * One thread of `messages` messages in its thread document `thread:<channelId>:<threadId>` (a
 * benchmark's writer posts into it). Each post scans the thread, so building is quadratic in
 * `messages`: fine for the few thousand a busy thread has.
 */
export function buildThreadDocument(
  messages: number,
  seed: number,
  channelId: string,
  threadId: string,
): { state: Uint8Array; endMs: number } {
  const random = seededRandom(seed);
  const env = createBenchEnv(seed ^ 0x5eed, 1_700_000_000_000);
  const doc = new Y.Doc();
  doc.clientID = randomClientId(random);
  initThreadDocument(doc, channelId, threadId);
  env.tick();
  const named = namingThread(env, threadId);
  createThread(doc, BENCH_ACTOR, { title: "benchmark", body: randomBody(random) }, named);
  for (let i = 1; i < messages; i++) {
    env.tick();
    postMessage(doc, BENCH_ACTOR, { threadId, body: randomBody(random) }, env);
  }
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  env.tick();
  return { state, endMs: env.now() };
}
