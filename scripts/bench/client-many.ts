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
import { type SeededChannel, seedChannel } from "./client-seed.ts";
import {
  createChannel,
  makeDefaultChannel,
  type ServerProcess,
  setUpWorkspace,
  startServerProcess,
} from "./client-server.ts";

export interface ManySizeResult {
  messages: number;
  channels: number;
  /** Threads and state of every channel, summed; build and store time of all of them. */
  threads: number;
  stateBytes: number;
  seedMs: number;
  browser: ManyChannelsResult;
  loadAverage: [number, number];
}

const count = (n: number) => n.toLocaleString("en");

/**
 * Seeds `channels` channels of `messages` messages into a fresh server over `dataDir`, then
 * measures sign-in in the browser.
 */
export async function measureManyChannelsSize(
  dataDir: string,
  clientDir: string,
  messages: number,
  channels: number,
  seed: number,
  keeperDeadlineMs: number,
  log: (line: string) => void,
): Promise<ManySizeResult> {
  const loadBefore = loadavg()[0] ?? 0;
  const first = await startServerProcess(dataDir, clientDir, 0);
  const admin = await setUpWorkspace(first.url);
  const channelIds: string[] = [];
  for (let i = 1; i <= channels; i++) {
    channelIds.push(await createChannel(admin, `bench-${messages}-${i}`));
  }
  const [firstChannelId] = channelIds;
  if (firstChannelId === undefined) throw new Error("no channel created");
  await makeDefaultChannel(admin, firstChannelId);
  await first.stop();
  if (admin.userId === null || admin.sessionCookie === null) {
    throw new Error("setup did not sign the admin in");
  }
  const started = performance.now();
  const seeded: SeededChannel[] = [];
  for (const [index, channelId] of channelIds.entries()) {
    log(`  seeding channel ${index + 1} of ${channels} (${count(messages)} messages)…`);
    seeded.push(
      await seedChannel(dataDir, channelId, messages, seed + index, admin.userId, (done) =>
        log(`    ${count(done)} built`),
      ),
    );
  }
  const seedMs = performance.now() - started;
  const [firstSeeded] = seeded;
  if (firstSeeded === undefined) throw new Error("no channel seeded");
  let server: ServerProcess | null = null;
  try {
    server = await startServerProcess(dataDir, clientDir, first.port);
    const browser = await measureManyChannels(
      {
        baseUrl: server.url,
        sessionCookie: admin.sessionCookie,
        firstChannelId,
        firstNewestThreadId: firstSeeded.lastThreadId,
        threadsToKeep: seeded.reduce(
          (sum, channel) => sum + Math.min(channel.threads, THREADS_KEPT_PER_CHANNEL),
          0,
        ),
      },
      keeperDeadlineMs,
      log,
    );
    return {
      messages,
      channels,
      threads: seeded.reduce((sum, channel) => sum + channel.threads, 0),
      stateBytes: seeded.reduce((sum, channel) => sum + channel.stateBytes, 0),
      seedMs,
      browser,
      loadAverage: [loadBefore, loadavg()[0] ?? 0],
    };
  } finally {
    await server?.stop();
  }
}
