// The shape of a generated conversation, decided before any text: how many messages each thread
// gets (uneven, a few long threads and many short ones, as in real channels), when each thread
// runs, and who writes (some people far chattier than others, everyone at least once).
import type { Random } from "./synthetic-text.ts";

/**
 * `messages` split over `threads` threads, each at least one: shares drawn from a heavy-tailed
 * (Pareto) distribution, so sizes are uneven. Sums to `messages` exactly.
 */
export function threadSizes(random: Random, messages: number, threads: number): number[] {
  const weights = Array.from({ length: threads }, () => (1 - random.next()) ** -0.8);
  const total = weights.reduce((sum, w) => sum + w, 0);
  const extra = messages - threads;
  const sizes = weights.map((w) => 1 + Math.floor((extra * w) / total));
  let left = messages - sizes.reduce((sum, s) => sum + s, 0);
  for (let i = 0; left > 0; i = (i + 1) % threads, left--) sizes[i] = (sizes[i] ?? 0) + 1;
  return sizes;
}

export interface ThreadTimes {
  startMs: number;
  /** The mean wait between two of its messages. */
  meanGapMs: number;
}

/** A thread starting somewhere in [fromMs, toMs) and running for part of the time left. */
export function threadTimes(
  random: Random,
  size: number,
  fromMs: number,
  toMs: number,
): ThreadTimes {
  const startMs = fromMs + Math.floor(random.next() * 0.95 * (toMs - fromMs));
  const lastsMs = (toMs - startMs) * (0.05 + 0.95 * random.next());
  return { startMs, meanGapMs: lastsMs / size };
}

/** A wait between two messages: exponential, around `meanMs`, at least a second. */
export function gap(random: Random, meanMs: number): number {
  return Math.max(1000, Math.round(-Math.log(1 - random.next()) * meanMs));
}

/** Picks authors by a Zipf law (author 0 the chattiest); the first `count` picks are each once. */
export class AuthorPicker {
  private readonly random: Random;
  private readonly cumulative: number[];
  private introduced = 0;

  constructor(random: Random, count: number) {
    this.random = random;
    let sum = 0;
    this.cumulative = Array.from({ length: count }, (_, i) => {
      sum += 1 / (i + 1) ** 0.9;
      return sum;
    });
  }

  /** The writer of the next message. */
  writer(): number {
    if (this.introduced < this.cumulative.length) return this.introduced++;
    return this.any();
  }

  /** Anyone, by the same law (reactions); someone other than `not` when there is anyone else. */
  any(not?: number): number {
    const count = this.cumulative.length;
    const total = this.cumulative[count - 1] ?? 0;
    const roll = this.random.next() * total;
    const found = this.cumulative.findIndex((c) => roll < c);
    const index = found === -1 ? count - 1 : found;
    if (index !== not || count === 1) return index;
    return (index + 1 + this.random.int(count - 1)) % count;
  }
}
