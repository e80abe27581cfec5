// Seeding for the client benchmark with many joined channels: N channels of one size in a data
// directory, the admin a member of all, the first the workspace's default channel. With a kept
// data directory (--data-dir) the seeding is written down beside the data (SEED_FILE) and a later
// run over the same directory, size and channel count reuses it instead of seeding again
// (20 channels of 100,000 messages take about 13 minutes to seed).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type SeededChannel, seedChannel } from "./client-seed.ts";
import {
  createChannel,
  makeDefaultChannel,
  setUpWorkspace,
  startServerProcess,
} from "./client-server.ts";

/** Written into the data directory once every channel is seeded. */
const SEED_FILE = "bench-many-channels.json";

export interface ManyChannelsSeed {
  messages: number;
  seed: number;
  sessionCookie: { name: string; value: string };
  /** In order: the first is the default channel. */
  channelIds: string[];
  channels: SeededChannel[];
  seedMs: number;
}

const count = (n: number) => n.toLocaleString("en");

/** The seeding kept in `dataDir` when it matches the size, count and seed asked for, else null. */
export function keptSeed(
  dataDir: string,
  messages: number,
  channels: number,
  seed: number,
): ManyChannelsSeed | null {
  const file = join(dataDir, SEED_FILE);
  if (!existsSync(file)) return null;
  const kept = JSON.parse(readFileSync(file, "utf8")) as ManyChannelsSeed;
  const matches =
    kept.messages === messages && kept.channelIds.length === channels && kept.seed === seed;
  if (!matches) {
    throw new Error(
      `${dataDir} holds ${kept.channelIds.length} channels of ${kept.messages} messages (seed ${kept.seed}); give another --data-dir`,
    );
  }
  return kept;
}

/**
 * Seeds `channels` channels of `messages` messages into the empty `dataDir` (the server started
 * for setup, then stopped while the documents are appended to its log) and writes SEED_FILE.
 */
export async function seedManyChannels(
  dataDir: string,
  clientDir: string,
  messages: number,
  channels: number,
  seed: number,
  log: (line: string) => void,
): Promise<ManyChannelsSeed> {
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
  const { userId, sessionCookie } = admin;
  if (userId === null || sessionCookie === null) {
    throw new Error("setup did not sign the admin in");
  }
  const started = performance.now();
  const seeded: SeededChannel[] = [];
  for (const [index, channelId] of channelIds.entries()) {
    log(`  seeding channel ${index + 1} of ${channels} (${count(messages)} messages)…`);
    seeded.push(
      await seedChannel(dataDir, channelId, messages, seed + index, userId, (done) =>
        log(`    ${count(done)} built`),
      ),
    );
  }
  const result: ManyChannelsSeed = {
    messages,
    seed,
    sessionCookie,
    channelIds,
    channels: seeded,
    seedMs: performance.now() - started,
  };
  writeFileSync(join(dataDir, SEED_FILE), JSON.stringify(result));
  return result;
}
