// Workload sizes of the three run lengths. The sizes are for a bigger machine; these
// fit a 2-core machine where one core serves and the other generates load (docs/benchmarks.md
// says what was scaled down and why).
export type Mode = "smoke" | "quick" | "full";

export interface Sizes {
  mode: Mode;
  /**
   * Time after a load still counted as its own: extension-sqlite stores 2 s after the last
   * change, and that store is part of what the updates cost (0 in smoke runs).
   */
  storeSettleMs: number;
  fanout: { clients: number; rates: number[]; seconds: number; repeats: number };
  /** repeats: server starts (interleaved); batches: measured loads per start. */
  oneWriter: { messages: number; window: number; repeats: number; batches: number };
  manyChannels: {
    configs: { documents: number; clients: number; rate: number }[];
    seconds: number;
  };
  persistence: { channels: number; messages: number; rate: number; seconds: number };
  /** Scenario 3b's sizes: channels of `messages`, each stored as its server would. */
  longChannels: { channels: number; messages: number; rate: number; seconds: number };
  /** threadMessages: the long thread opened cold beside the channel. */
  coldOpen: { messages: number[]; threadMessages: number; settleSeconds: number };
  reconnect: { documents: number; messages: number; clients: number; spreadMs: number };
  streaming: { streams: number; viewers: number; tokens: number; tokensPerSecond: number };
}

export const SIZES: Record<Mode, Sizes> = {
  smoke: {
    mode: "smoke",
    storeSettleMs: 0,
    fanout: { clients: 4, rates: [50], seconds: 0.5, repeats: 1 },
    oneWriter: { messages: 100, window: 16, repeats: 1, batches: 1 },
    manyChannels: { configs: [{ documents: 3, clients: 2, rate: 10 }], seconds: 0.5 },
    persistence: { channels: 2, messages: 100, rate: 10, seconds: 1 },
    longChannels: { channels: 1, messages: 200, rate: 10, seconds: 1 },
    coldOpen: { messages: [200], threadMessages: 100, settleSeconds: 0 },
    reconnect: { documents: 2, messages: 100, clients: 6, spreadMs: 200 },
    streaming: { streams: 2, viewers: 2, tokens: 15, tokensPerSecond: 60 },
  },
  quick: {
    mode: "quick",
    storeSettleMs: 2_500,
    fanout: { clients: 200, rates: [100, 400, 800], seconds: 1.5, repeats: 1 },
    oneWriter: { messages: 2_000, window: 16, repeats: 1, batches: 2 },
    manyChannels: {
      configs: [
        { documents: 50, clients: 3, rate: 2 },
        { documents: 10, clients: 10, rate: 10 },
      ],
      seconds: 3,
    },
    persistence: { channels: 10, messages: 1_000, rate: 2, seconds: 8 },
    longChannels: { channels: 2, messages: 10_000, rate: 1, seconds: 15 },
    coldOpen: { messages: [1_000, 10_000], threadMessages: 1_000, settleSeconds: 6 },
    reconnect: { documents: 10, messages: 1_000, clients: 200, spreadMs: 1_000 },
    streaming: { streams: 5, viewers: 20, tokens: 150, tokensPerSecond: 60 },
  },
  full: {
    mode: "full",
    storeSettleMs: 2_500,
    fanout: { clients: 1_000, rates: [100, 200, 400, 600, 800], seconds: 8, repeats: 3 },
    oneWriter: { messages: 10_000, window: 16, repeats: 3, batches: 1 },
    manyChannels: {
      configs: [
        { documents: 500, clients: 3, rate: 2 },
        { documents: 100, clients: 10, rate: 10 },
      ],
      seconds: 20,
    },
    persistence: { channels: 40, messages: 5_000, rate: 1, seconds: 90 },
    longChannels: { channels: 2, messages: 100_000, rate: 1, seconds: 60 },
    coldOpen: { messages: [1_000, 100_000], threadMessages: 1_000, settleSeconds: 30 },
    reconnect: { documents: 100, messages: 1_000, clients: 1_000, spreadMs: 1_000 },
    streaming: { streams: 10, viewers: 50, tokens: 2_000, tokensPerSecond: 60 },
  },
};
