// A segment as saved in IndexedDB: columns of typed arrays and string lists, which IndexedDB
// copies in one go (MiniSearch's JSON text, saved before, held an object per word and message).
// The segment's words are listed once and each message's words refer to that list, so a saved
// segment stands alone; the inverted index is rebuilt from the messages' words when it is read.
import { Segment, type Stored } from "./segment.ts";
import type { Vocabulary } from "./vocabulary.ts";

export interface PlainSegment {
  readonly id: number;
  readonly channelId: string;
  /** Its start (a channel's first segment starts at -Infinity). */
  readonly from: number;
  readonly ids: readonly string[];
  /** Thread, fork and author ids, each once; the columns below refer to them. */
  readonly names: readonly string[];
  readonly threads: Uint32Array;
  /** 0: not in a fork; else 1 + the position in `names`. */
  readonly forks: Uint32Array;
  readonly authors: Uint32Array;
  readonly times: Float64Array;
  /** 1: pinned, 2: has a fork, 4: has files, 8: has images. */
  readonly flags: Uint8Array;
  readonly sigs: Float64Array;
  /** The segment's words, each once. */
  readonly words: readonly string[];
  /** How many words each message has. */
  readonly lengths: Uint32Array;
  /** Each message's words in order, as positions in `words`, one message after the other. */
  readonly text: Uint16Array | Uint32Array;
}

const PINNED = 1;
const HAS_FORK = 2;
const HAS_LINK = 4;
const HAS_FILE = 8;
const HAS_IMAGE = 16;

/** Numbers strings in the order first seen. */
class Numbering {
  readonly list: string[] = [];
  private readonly numbers = new Map<string, number>();

  of(value: string): number {
    let number = this.numbers.get(value);
    if (number === undefined) {
      number = this.list.length;
      this.list.push(value);
      this.numbers.set(value, number);
    }
    return number;
  }
}

export function toPlain(segment: Segment): PlainSegment {
  const documents = [...segment.documents()];
  const count = documents.length;
  const names = new Numbering();
  const words = new Numbering();
  const threads = new Uint32Array(count);
  const forks = new Uint32Array(count);
  const authors = new Uint32Array(count);
  const times = new Float64Array(count);
  const flags = new Uint8Array(count);
  const sigs = new Float64Array(count);
  const lengths = new Uint32Array(count);
  const text: number[] = [];
  documents.forEach(({ facts, words: message }, i) => {
    threads[i] = names.of(facts.threadId);
    forks[i] = facts.forkId === null ? 0 : 1 + names.of(facts.forkId);
    authors[i] = names.of(facts.authorId);
    times[i] = facts.createdAt;
    flags[i] =
      (facts.pinned ? PINNED : 0) |
      (facts.hasFork ? HAS_FORK : 0) |
      (facts.hasLink ? HAS_LINK : 0) |
      (facts.hasFile ? HAS_FILE : 0) |
      (facts.hasImage ? HAS_IMAGE : 0);
    sigs[i] = facts.sig;
    lengths[i] = message.length;
    for (const word of message) text.push(words.of(segment.vocabulary.word(word)));
  });
  return {
    id: segment.id,
    channelId: segment.channelId,
    from: segment.from,
    ids: documents.map((document) => document.id),
    names: names.list,
    threads,
    forks,
    authors,
    times,
    flags,
    sigs,
    words: words.list,
    lengths,
    text: words.list.length <= 0x10000 ? Uint16Array.from(text) : Uint32Array.from(text),
  };
}

/** A saved segment, its words numbered in `vocabulary`; counted as saved. */
export function fromPlain(saved: PlainSegment, vocabulary: Vocabulary): Segment {
  const segment = new Segment(saved.id, saved.channelId, saved.from, vocabulary);
  const words = saved.words.map((word) => vocabulary.idOf(word));
  const name = (position: number | undefined) => saved.names[position ?? 0] ?? "";
  let at = 0;
  saved.ids.forEach((id, i) => {
    const length = saved.lengths[i] ?? 0;
    const message = Array.from(saved.text.subarray(at, at + length), (word) => words[word] ?? 0);
    at += length;
    const fork = saved.forks[i] ?? 0;
    const flags = saved.flags[i] ?? 0;
    const facts: Stored = {
      channelId: saved.channelId,
      threadId: name(saved.threads[i]),
      forkId: fork === 0 ? null : name(fork - 1),
      authorId: name(saved.authors[i]),
      createdAt: saved.times[i] ?? 0,
      pinned: (flags & PINNED) !== 0,
      hasFork: (flags & HAS_FORK) !== 0,
      hasLink: (flags & HAS_LINK) !== 0,
      hasFile: (flags & HAS_FILE) !== 0,
      hasImage: (flags & HAS_IMAGE) !== 0,
      sig: saved.sigs[i] ?? 0,
    };
    segment.add({ id, facts, words: message });
  });
  segment.markSaved(segment.version);
  return segment;
}
