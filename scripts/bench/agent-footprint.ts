// How many channel documents agents keep loaded on the server, for a
// workspace of N channels where the agent is a member of every one: the
// OpenVibe bridge (joins a document only while it works there) against the
// naive design of a bridge that joins every channel its agents belong to.
// Run it through scripts/bench/agent-footprint.
import { setTimeout as delay } from "node:timers/promises";
import { parseArgs } from "node:util";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { channelDocumentName, createSplitThread, threadDocumentName } from "@openvibe/schema";
import * as Y from "yjs";
import { AgentBridge } from "../../agent-bridge/src/bridge.ts";
import { createLogger } from "../../agent-bridge/src/logger.ts";
import { UnconfiguredProvider } from "../../agent-bridge/src/model/unconfigured-provider.ts";
import { createApiKey } from "../../sync-server/src/accounts/api-keys.ts";
import { addMember, createChannel } from "../../sync-server/src/channels/channels.ts";
import { startBenchWorld } from "./agents-world.ts";
import { pollUntil } from "./lib/poll-until.ts";

const HELP = `Usage: scripts/bench/agent-footprint [--channels 1000] [--mentions 10]

Creates a workspace with C channels, the agent a member of each, and reports the
documents (channel and thread documents) the server holds and its heap:
  openvibe idle      the bridge running, nobody mentioning the agent
  openvibe busy      the most documents held while M mentions are answered at once
  openvibe after     once those replies are done and the server unloaded them
  join-all           a bridge that keeps every channel of its agents open (the
                     design OpenVibe avoids), over one socket
Progress goes to stderr, the table to stdout.`;

/** How long the idle bridge is watched before it is counted. */
const IDLE_LOOK_MS = 500;
/** Answering every mention, or opening every channel: a run stuck past this stops with a reason. */
const SETTLE_TIMEOUT_MS = 120_000;
/** The server's unload of every document (its index hold is 10 s by default). */
const UNLOAD_TIMEOUT_MS = 60_000;

function heapMb(): string {
  (globalThis as { gc?: () => void }).gc?.();
  return (process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      channels: { type: "string" },
      mentions: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const channelCount = Number(values.channels ?? 1000);
  const mentionCount = Math.min(channelCount, Number(values.mentions ?? 10));
  const world = await startBenchWorld(1);
  const { ctx } = world.server;
  const agent = world.agents[0];
  if (agent === undefined) throw new Error("no agent");
  process.stderr.write(`creating ${channelCount} channels\n`);
  const channelIds = [world.channelId];
  for (let n = 1; n < channelCount; n++) {
    const channel = createChannel(ctx, world.admin, {
      name: `c${n}`,
      topic: "",
      visibility: "public",
    });
    addMember(ctx, world.admin, channel.id, agent.id);
    channelIds.push(channel.id);
  }
  const rows: string[][] = [];
  const documents = () => world.server.hocuspocus.getDocumentsCount();

  const bridge = new AgentBridge({
    serverUrl: world.server.url,
    key: world.bridgeKey,
    provider: new UnconfiguredProvider(),
    logger: createLogger("silent"),
    concurrency: mentionCount,
    flushMs: 50,
    claimWaitMs: 1000,
  });
  bridge.start();
  // Idle: whatever the bridge opens without work shows within this look.
  await delay(IDLE_LOOK_MS);
  rows.push(["openvibe idle", String(documents()), String(bridge.channels.openCount), heapMb()]);

  process.stderr.write(`mentioning the agent in ${mentionCount} channels\n`);
  const writerSocket = new HocuspocusProviderWebsocket({ url: world.server.websocketUrl });
  let settled = 0;
  bridge.events.on("task-settled", () => {
    settled += 1;
  });
  let busiest = 0;
  const sampler = setInterval(() => {
    busiest = Math.max(busiest, documents());
  }, 5);
  const writers = channelIds.slice(0, mentionCount).map((channelId) => {
    // As the client creates a thread: in its own new thread document, then synced.
    const doc = new Y.Doc();
    const { threadId } = createSplitThread(
      () => doc,
      { kind: "human", id: world.admin.id },
      { title: "Q", body: `@${agent.handle} hello` },
    );
    const provider = new HocuspocusProvider({
      websocketProvider: writerSocket,
      name: threadDocumentName(channelId, threadId),
      document: doc,
      token: world.viewerKey,
    });
    provider.attach();
    return provider;
  });
  await pollUntil(
    `${mentionCount} tasks settled`,
    () => settled >= mentionCount,
    SETTLE_TIMEOUT_MS,
  );
  for (const provider of writers) provider.destroy();
  writerSocket.destroy();
  clearInterval(sampler);
  rows.push(["openvibe busy", String(busiest), "-", heapMb()]);
  // The server keeps a channel document it loaded for the thread index OPENVIBE_INDEX_HOLD_MS.
  await pollUntil(
    "the server to unload every document",
    () => documents() === 0,
    UNLOAD_TIMEOUT_MS,
  );
  rows.push(["openvibe after", String(documents()), String(bridge.channels.openCount), heapMb()]);
  await bridge.stop();

  process.stderr.write(`join-all: opening ${channelCount} channels as the agent\n`);
  const agentKey = createApiKey(ctx, world.admin, agent, "join-all").key;
  const socket = new HocuspocusProviderWebsocket({ url: world.server.websocketUrl });
  const providers: HocuspocusProvider[] = [];
  for (const channelId of channelIds) {
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: channelDocumentName(channelId),
      document: new Y.Doc(),
      token: agentKey,
    });
    provider.attach();
    providers.push(provider);
  }
  await pollUntil(
    `${providers.length} channel documents synced`,
    () => providers.every((p) => p.isSynced),
    SETTLE_TIMEOUT_MS,
    50,
  );
  rows.push(["join-all", String(documents()), String(providers.length), heapMb()]);
  for (const provider of providers) provider.destroy();
  socket.destroy();
  await world.close();

  const header = ["design", "server documents", "bridge documents", "process heap MB"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const format = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  console.log(
    `${channelCount} channels, the agent a member of each; ${mentionCount} mentions answered at once\n`,
  );
  console.log(format(header));
  for (const row of rows) console.log(format(row));
  console.log("\nThe heap is the whole benchmark process (server, bridge and clients share it).");
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
