// The client benchmark with many joined channels (--channels N): N channels of one size, the
// admin a member of all, each built offline with its own seed (distinct ids and content, as real
// channels have) and appended to the stopped server's document log one after the other, so only
// one channel's states are in memory at a time. The first channel is the workspace's default
// channel: where the app's root lands after sign-in.
import { loadavg } from "node:os";
import {
  type ManyChannelsResult,
  measureManyChannels,
  THREADS_KEPT_PER_CHANNEL,
} from "./client-browser-many.ts";
import { keptSeed, seedManyChannels } from "./client-many-seed.ts";
import { type ServerProcess, startServerProcess } from "./client-server.ts";

export interface ManySizeResult {
  messages: number;
  channels: number;
  /** Threads and state of every channel, summed; build and store time of all of them. */
  threads: number;
  stateBytes: number;
  /** 0 when a kept data directory's seeding was reused. */
  seedMs: number;
  browser: ManyChannelsResult;
  loadAverage: [number, number];
}

/**
 * Seeds `channels` channels of `messages` messages into a fresh server over `dataDir` (or reuses
 * the seeding kept there), then measures sign-in in the browser.
 */
export async function measureManyChannelsSize(
  dataDir: string,
  clientDir: string,
  messages: number,
  channels: number,
  seed: number,
  keeperDeadlineMs: number,
  /** Where to write the cold sign-in's page trace and the server's CPU profile; null: none. */
  profileDir: string | null,
  log: (line: string) => void,
): Promise<ManySizeResult> {
  const loadBefore = loadavg()[0] ?? 0;
  const kept = keptSeed(dataDir, messages, channels, seed);
  if (kept !== null) log(`  reusing the channels seeded in ${dataDir}`);
  const seeded =
    kept ?? (await seedManyChannels(dataDir, clientDir, messages, channels, seed, log));
  const [firstChannelId] = seeded.channelIds;
  const [firstSeeded] = seeded.channels;
  if (firstChannelId === undefined || firstSeeded === undefined) {
    throw new Error("no channel seeded");
  }
  let server: ServerProcess | null = null;
  try {
    server = await startServerProcess(dataDir, clientDir, 0, profileDir);
    const browser = await measureManyChannels(
      {
        baseUrl: server.url,
        sessionCookie: seeded.sessionCookie,
        firstChannelId,
        firstNewestThreadId: firstSeeded.lastThreadId,
        threadsToKeep: seeded.channels.reduce(
          (sum, channel) => sum + Math.min(channel.threads, THREADS_KEPT_PER_CHANNEL),
          0,
        ),
      },
      keeperDeadlineMs,
      profileDir,
      log,
    );
    return {
      messages,
      channels,
      threads: seeded.channels.reduce((sum, channel) => sum + channel.threads, 0),
      stateBytes: seeded.channels.reduce((sum, channel) => sum + channel.stateBytes, 0),
      seedMs: kept === null ? seeded.seedMs : 0,
      browser,
      loadAverage: [loadBefore, loadavg()[0] ?? 0],
    };
  } finally {
    await server?.stop();
  }
}
