// Scenario 5: reconnect storm. Threads of ~1k messages (thread documents) sit in storage (or, on
// the in-memory servers, in memory); every client reconnects within about a second with the
// state it had before (one message behind). Time until all are synced, per-client sync time,
// peak memory.
import { rmSync } from "node:fs";
import { progress } from "../../lib/cli.ts";
import { attempt, connectionTo, freshDataDir, type RunContext, serversFor } from "../context.ts";
import { LoadGenerator } from "../load.ts";
import { format, ratio, type ScenarioResult } from "../report.ts";
import { appendToOpenVibeLog, type BuiltChannel, buildThreadWithLast } from "../seeding.ts";
import { type RunningServer, type ServerKind, startServer } from "../servers.ts";
import { prepareWorkspace } from "../workspace.ts";

const KINDS: readonly ServerKind[] = [
  "openvibe",
  "hocuspocus-memory",
  "hocuspocus-sqlite",
  "y-websocket",
];
const RSS_SAMPLE_MS = 50;

interface Storm {
  allSyncedMs: number;
  p50Ms: number | null;
  p99Ms: number | null;
  synced: number;
  failures: number;
  bytes: number;
  rssBeforeMb: number | null;
  rssPeakMb: number | null;
}

async function stormOne(
  context: RunContext,
  kind: ServerKind,
  cache: Map<number, BuiltChannel>,
): Promise<Storm> {
  const { documents, messages, clients, spreadMs } = context.sizes.reconnect;
  const dataDir = freshDataDir(context, kind);
  let server: RunningServer = await startServer(kind, dataDir);
  const load = LoadGenerator.start();
  try {
    const workspace = await prepareWorkspace(server, documents, 2);
    const token = workspace.readerTokens[0] ?? "stock";
    // OpenVibe needs each document built with its channel id; the stock servers reuse them.
    const built = workspace.documents.map((d, i) => {
      const cached = server.spec.openvibe ? undefined : cache.get(i);
      if (cached !== undefined) return cached;
      const fresh = buildThreadWithLast(messages, 500 + i, d.channelId, d.threadId);
      cache.set(i, fresh);
      return fresh;
    });
    const entries = workspace.documents.map((d, i) => ({
      document: d.name,
      updates: [built[i]?.state, built[i]?.last].filter((u): u is Uint8Array => u !== undefined),
    }));
    if (server.spec.openvibe) {
      await server.stop();
      await appendToOpenVibeLog(dataDir, entries);
      server = await startServer(kind, dataDir);
      await load.call("connect", connectionTo(server));
    } else {
      await load.call("connect", connectionTo(server));
      const keep = !server.spec.persistent;
      for (const entry of entries) await load.call("upload", { ...entry, token, keep });
      if (!keep) {
        await server.stop();
        server = await startServer(kind, dataDir);
        await load.call("connect", connectionTo(server));
      }
    }
    const rssBeforeMb = server.sample()?.rssMb ?? null;
    let rssPeakMb = rssBeforeMb;
    const sampler = setInterval(() => {
      const rss = server.sample()?.rssMb ?? null;
      if (rss !== null && (rssPeakMb === null || rss > rssPeakMb)) rssPeakMb = rss;
    }, RSS_SAMPLE_MS);
    try {
      const storm = await load.call("storm", {
        documents: workspace.documents.map((d, i) => ({
          name: d.name,
          stateVector: built[i]?.stateVectorBefore ?? new Uint8Array([0]),
        })),
        clients,
        tokens: workspace.readerTokens,
        spreadMs,
      });
      progress(
        `    ${kind}: ${storm.synced} synced in ${Math.round(storm.allSyncedMs)} ms, ${storm.failures} failed`,
      );
      return { ...storm, rssBeforeMb, rssPeakMb };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await load.stop();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function reconnect(context: RunContext): Promise<ScenarioResult> {
  const { documents, messages, clients, spreadMs } = context.sizes.reconnect;
  const kinds = serversFor(context, KINDS);
  const cache = new Map<number, BuiltChannel>();
  const storms = new Map<ServerKind, Storm>();
  for (const kind of kinds) {
    progress(`  ${kind}`);
    const storm = await attempt(context, kind, () => stormOne(context, kind, cache));
    if (storm !== null) storms.set(kind, storm);
  }
  const memory = storms.get("hocuspocus-memory");
  return {
    id: "reconnect",
    title: `5. Reconnect storm: ${clients} clients to ${documents} thread documents of ${messages} messages within ${spreadMs / 1000} s`,
    tables: [
      {
        title: `reconnect storm: clients one message behind, opened evenly over ${spreadMs} ms`,
        columns: [
          "server",
          "all synced ms",
          "vs hp-memory",
          "per client p50 ms",
          "p99 ms",
          "synced",
          "failed",
          "MB sent",
          "RSS before MB",
          "RSS peak MB",
        ],
        rows: kinds
          .filter((kind) => storms.has(kind))
          .map((kind) => {
            const s = storms.get(kind) as Storm;
            return [
              kind,
              format(s.allSyncedMs),
              ratio(s.allSyncedMs, memory?.allSyncedMs ?? null),
              format(s.p50Ms, 1),
              format(s.p99Ms, 1),
              s.synced,
              s.failures,
              format(s.bytes / 2 ** 20, 2),
              format(s.rssBeforeMb),
              format(s.rssPeakMb),
            ];
          }),
      },
    ],
    notes: [
      "all synced: from the first client's connect until the last one had its state (the storm itself takes the spread time). OpenVibe and hocuspocus-sqlite load every channel from storage during the storm; the in-memory servers hold them already.",
    ],
    charts: [],
    data: { documents, messages, clients, spreadMs, storms: Object.fromEntries(storms) },
  };
}
