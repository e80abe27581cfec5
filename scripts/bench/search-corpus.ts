// Deterministic synthetic messages for the search benchmark: a Zipf-distributed vocabulary
// (so a few words are in a large share of messages and most are rare), 50 channels, 200
// authors, one message every ~30 s going back from a fixed date.
import type { IndexRow, RowFilters } from "@openvibe/sync-server";
import { toIndexText } from "@openvibe/sync-server";
import { seededRandom } from "./channel-fixture.ts";

/** ULID-shaped like real channel ids (one word to the FTS5 tokenizer). */
export const CHANNELS = Array.from(
  { length: 50 },
  (_, i) => `01JBENCHCHANNEL${String(i).padStart(11, "0")}`,
);
const AUTHORS = 200;
/** Author ids as the corpus writes them. */
export const authorId = (i: number) => `u${i}`;
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
          channelId: CHANNELS[Math.floor(random() * CHANNELS.length)] ?? "",
          threadId: `t${Math.floor(i / 40)}`,
          threadTitle: "bench",
          forkId: random() < 0.05 ? `f${i}` : null,
          authorId: authorId(Math.floor(random() * AUTHORS)),
          authorKind: "human",
          createdAt: `${String(createdMs).padStart(15, "0")}.000000`,
          createdMs,
          pinned: random() < 0.01,
          // Not drawn from `random`, so the rest of the corpus stays as it was.
          hasFork: i % 50 === 25,
          body: toIndexText(words.join(" ")),
          mentions: [],
        };
      }
    },
  };
}

export interface QueryCase {
  label: string;
  text: string;
  channel: string | null;
  /** The other filters (server classes only: the baselines do not run them). */
  filters?: Partial<Omit<RowFilters, "channelIds">>;
}

const variants = (make: (i: number) => QueryCase) => Array.from({ length: 20 }, (_, i) => make(i));

/** The query classes both halves of the benchmark time, 20 variants each. */
export const CLASSES: Record<string, QueryCase[]> = {
  common: variants((i) => ({ label: "common", text: `${wordOf(i)} `, channel: null })),
  rare: variants((i) => ({ label: "rare", text: `${wordOf(20_000 + i * 7)} `, channel: null })),
  prefix: variants((i) => ({ label: "prefix", text: wordOf(300 + i).slice(0, 4), channel: null })),
  filtered: variants((i) => ({
    label: "filtered",
    text: `${wordOf(i)} `,
    channel: CHANNELS[7] ?? "",
  })),
};

const DAY_MS = 86_400_000;
const channel = (i: number) => CHANNELS[i % CHANNELS.length] ?? "";

/**
 * The server half's further classes: a phrase, each filter alone and filters with words. Dates
 * count back from the corpus's end (1M messages span about 347 days).
 */
export const SERVER_CLASSES: Record<string, QueryCase[]> = {
  ...CLASSES,
  phrase: variants((i) => ({
    label: "phrase",
    text: `"${wordOf(i)} ${wordOf(i + 1)}" `,
    channel: null,
  })),
  "in:#chan": variants((i) => ({ label: "in:#chan", text: "", channel: channel(i) })),
  "from:@who": variants((i) => ({
    label: "from:@who",
    text: "",
    channel: null,
    filters: { authorIds: [authorId(i * 7)] },
  })),
  "is:pinned": variants(() => ({
    label: "is:pinned",
    text: "",
    channel: null,
    filters: { pinned: true },
  })),
  "has:fork": variants(() => ({
    label: "has:fork",
    text: "",
    channel: null,
    filters: { hasFork: true },
  })),
  "in:fork": variants(() => ({
    label: "in:fork",
    text: "",
    channel: null,
    filters: { inFork: true },
  })),
  "before:": variants((i) => ({
    label: "before:",
    text: "",
    channel: null,
    filters: { beforeMs: Date.UTC(2025, 0, 1) - (150 + i * 5) * DAY_MS },
  })),
  "after:": variants((i) => ({
    label: "after:",
    text: "",
    channel: null,
    filters: { afterMs: Date.UTC(2025, 0, 1) - (2 + i) * DAY_MS },
  })),
  "from+word": variants((i) => ({
    label: "from+word",
    text: `${wordOf(i)} `,
    channel: null,
    filters: { authorIds: [authorId(i * 7)] },
  })),
  "in+from+word": variants((i) => ({
    label: "in+from+word",
    text: `${wordOf(i)} `,
    channel: channel(i),
    filters: { authorIds: [authorId(i * 7)] },
  })),
  "pinned+word": variants((i) => ({
    label: "pinned+word",
    text: `${wordOf(i)} `,
    channel: null,
    filters: { pinned: true },
  })),
  "before+word": variants((i) => ({
    label: "before+word",
    text: `${wordOf(i)} `,
    channel: null,
    filters: { beforeMs: Date.UTC(2025, 0, 1) - (150 + i * 5) * DAY_MS },
  })),
};

export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
}
