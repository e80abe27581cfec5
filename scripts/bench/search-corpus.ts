// Deterministic synthetic messages for the search benchmark: a Zipf-distributed vocabulary
// (so a few words are in a large share of messages and most are rare), 50 channels, 200
// authors, one message every ~30 s going back from a fixed date.
import type { IndexRow } from "@openvibe/sync-server";
import { toIndexText } from "@openvibe/sync-server";
import { seededRandom } from "./channel-fixture.ts";

export const CHANNELS = Array.from({ length: 50 }, (_, i) => `channel-${i}`);
const AUTHORS = 200;
const VOCABULARY = 30_000;
const END_MS = Date.UTC(2025, 0, 1);
const SYLLABLES = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "shi", "pe", "da", "gu", "ber"];

/** The word of popularity rank `rank` (0 = most common), e.g. "kalomi". */
export function wordOf(rank: number): string {
  let word = "";
  let n = rank + SYLLABLES.length;
  while (n > 0) {
    word += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return word;
}

export interface Corpus {
  rows(count: number): Generator<IndexRow>;
}

export function createCorpus(seed: number): Corpus {
  const random = seededRandom(seed);
  // Zipf (s = 1): rank r is drawn with probability proportional to 1/(r+1).
  const cumulative: number[] = [];
  let total = 0;
  for (let r = 0; r < VOCABULARY; r++) {
    total += 1 / (r + 1);
    cumulative.push(total);
  }
  const drawRank = () => {
    const x = random() * total;
    let lo = 0;
    let hi = VOCABULARY - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return {
    *rows(count) {
      for (let i = 0; i < count; i++) {
        const words = Array.from({ length: 6 + Math.floor(random() * 20) }, () =>
          wordOf(drawRank()),
        );
        const createdMs = END_MS - (count - i) * 30_000;
        yield {
          messageId: `m${i}`,
          channelId: CHANNELS[Math.floor(random() * CHANNELS.length)] ?? "channel-0",
          threadId: `t${Math.floor(i / 40)}`,
          threadTitle: "bench",
          forkId: random() < 0.05 ? `f${i}` : null,
          authorId: `u${Math.floor(random() * AUTHORS)}`,
          authorKind: "human",
          createdAt: `${String(createdMs).padStart(15, "0")}.000000`,
          createdMs,
          pinned: random() < 0.01,
          hasFork: false,
          body: toIndexText(words.join(" ")),
        };
      }
    },
  };
}
