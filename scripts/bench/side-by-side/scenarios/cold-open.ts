// Scenario 4: cold open. A channel of N messages over threads is stored (split: each thread in its
// thread document, the channel document holding the index); a new client opens it as a browser
// does, the channel document plus the newest thread's document, while the server has them only on
// disk (cold), again while they are loaded (warm), and a client one message behind opens the
// newest thread. Memory: the server's RSS and its heap in use (after a full collection) before,
// while the channel is loaded, and after everyone left, watched for the settle time: the heap
// shows what the server still holds, which RSS does not (V8 and malloc keep freed pages).
import { rmSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import { progress } from "../../lib/cli.ts";
import { attempt, freshDataDir, type RunContext, serversFor } from "../context.ts";
import { LoadGenerator } from "../load.ts";
import { format, ratio, type ScenarioResult } from "../report.ts";
import { appendToOpenVibeLog, type BuiltSplitChannel, buildSplitWithLast } from "../seeding.ts";
import { type RunningServer, type ServerKind, startServer } from "../servers.ts";
import { prepareWorkspace } from "../workspace.ts";

const KINDS: readonly ServerKind[] = ["openvibe", "hocuspocus-sqlite", "hocuspocus-memory"];
const RSS_SAMPLE_MS = 500;
/** Heap readings force a full collection: fewer of them. */
const HEAP_SAMPLE_MS = 2_000;
/** Back to the idle heap: within this much of it. */
const HEAP_BASELINE_SLACK = 1.1;

interface Opened {
  messages: number;
  /** Every document of the channel. */
  storedMb: number;
  /** What a client opening the channel receives: the channel document and the newest thread. */
  openedKb: number;
  coldMs: number | null;
  warmMs: number;
  behindMs: number;
  behindBytes: number;
  rssIdleMb: number | null;
  rssLoadedMb: number | null;
  rssAfterMb: number | null;
  heapIdleMb: number | null;
  heapLoadedMb: number | null;
  /** The lowest heap reading in the settle time. */
  heapAfterMb: number | null;
  /** When the heap first read within 10% of idle after the last client left; null: never. */
  heapBackSeconds: number | null;
}

/**
 * Built channels by size. OpenVibe refuses a document of another channel, so the first server
 * (OpenVibe, when it runs) builds with its channel id; the stock servers take any id and reuse it.
 */
const builtBySize = new Map<number, BuiltSplitChannel>();

/** Opens the channel document, then the newest thread's document: the time and bytes of both. */
async function openChannel(load: LoadGenerator, built: BuiltSplitChannel, token: string) {
  const channel = await load.call("probe", { document: built.channel.name, token });
  const thread = await load.call("probe", { document: built.newest.name, token });
  return { ms: channel.ms + thread.ms, bytes: channel.bytes + thread.bytes };
}

async function openOne(context: RunContext, kind: ServerKind, messages: number): Promise<Opened> {
  const dataDir = freshDataDir(context, kind);
  let server: RunningServer = await startServer(kind, dataDir);
  const load = LoadGenerator.start();
  try {
    const workspace = await prepareWorkspace(server, 1, 1);
    const [document] = workspace.documents;
    if (document === undefined) throw new Error("no channel");
    const token = workspace.readerTokens[0] ?? "stock";
    let built = server.spec.openvibe ? undefined : builtBySize.get(messages);
    if (built === undefined) {
      progress(`    building ${messages} messages`);
      built = buildSplitWithLast(messages, 7, document.channelId, document.channelName);
      builtBySize.set(messages, built);
    }
    const entries = [
      { document: built.channel.name, updates: [built.channel.state] },
      ...built.others.map((t) => ({ document: t.name, updates: [t.state] })),
      { document: built.newest.name, updates: [built.newest.state, built.newest.last] },
    ];
    const persistent = server.spec.persistent;
    if (server.spec.openvibe) {
      await server.stop();
      await appendToOpenVibeLog(dataDir, entries);
      server = await startServer(kind, dataDir);
      await load.call("connect", { url: server.url, protocol: server.spec.protocol });
    } else {
      await load.call("connect", { url: server.url, protocol: server.spec.protocol });
      // An in-memory server forgets a document nobody holds: the uploader stays connected.
      for (const entry of entries) {
        await load.call("upload", { ...entry, token, keep: !persistent });
      }
      if (persistent) {
        await server.stop();
        server = await startServer(kind, dataDir);
        await load.call("connect", { url: server.url, protocol: server.spec.protocol });
      }
    }
    const rssIdleMb = server.sample()?.rssMb ?? null;
    const heapIdleMb = (await server.report())?.heapUsedMb ?? null;
    const cold = persistent ? await openChannel(load, built, token) : null;
    // Hold the channel open, then open it again while it is loaded.
    await load.call("receivers", {
      documents: [built.channel.name, built.newest.name],
      perDocument: 1,
      tokens: [token],
    });
    const rssLoadedMb = server.sample()?.rssMb ?? null;
    const heapLoadedMb = (await server.report())?.heapUsedMb ?? null;
    const warm = await openChannel(load, built, token);
    const behind = await load.call("probe", {
      document: built.newest.name,
      token,
      stateVector: built.newest.stateVectorBefore,
    });
    await load.call("closeAll", {});
    // Everyone left: watch the resident set and the heap for the settle time, keep the lowest
    // readings and when the heap was back near idle.
    const left = Date.now();
    let rssAfterMb = server.sample()?.rssMb ?? null;
    let heapAfterMb: number | null = null;
    let heapBackSeconds: number | null = null;
    let nextHeapReading = left;
    const until = left + context.sizes.coldOpen.settleSeconds * 1000;
    do {
      const rss = server.sample()?.rssMb ?? null;
      if (rss !== null && (rssAfterMb === null || rss < rssAfterMb)) rssAfterMb = rss;
      if (Date.now() >= nextHeapReading) {
        nextHeapReading = Date.now() + HEAP_SAMPLE_MS;
        const heap = (await server.report())?.heapUsedMb ?? null;
        if (heap !== null && (heapAfterMb === null || heap < heapAfterMb)) heapAfterMb = heap;
        const back =
          heap !== null && heapIdleMb !== null && heap <= heapIdleMb * HEAP_BASELINE_SLACK;
        if (back && heapBackSeconds === null) heapBackSeconds = (Date.now() - left) / 1000;
      }
      await delay(RSS_SAMPLE_MS);
    } while (Date.now() < until);
    return {
      messages,
      storedMb: built.storedBytes / 2 ** 20,
      openedKb: warm.bytes / 1024,
      coldMs: cold?.ms ?? null,
      warmMs: warm.ms,
      behindMs: behind.ms,
      behindBytes: behind.bytes,
      rssIdleMb,
      rssLoadedMb,
      rssAfterMb,
      heapIdleMb,
      heapLoadedMb,
      heapAfterMb,
      heapBackSeconds,
    };
  } finally {
    await load.stop();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function coldOpen(context: RunContext): Promise<ScenarioResult> {
  const sizes = context.sizes.coldOpen.messages;
  const kinds = serversFor(context, KINDS);
  const results: { kind: ServerKind; opened: Opened }[] = [];
  builtBySize.clear();
  for (const messages of sizes) {
    for (const kind of kinds) {
      progress(`  ${kind}, ${messages} messages`);
      const opened = await attempt(context, kind, () => openOne(context, kind, messages));
      if (opened !== null) results.push({ kind, opened });
    }
  }
  const find = (kind: ServerKind, messages: number) =>
    results.find((r) => r.kind === kind && r.opened.messages === messages)?.opened;
  const rows = results.map(({ kind, opened: o }) => {
    const stock = find("hocuspocus-sqlite", o.messages);
    const loaded =
      o.rssLoadedMb !== null && o.rssIdleMb !== null ? o.rssLoadedMb - o.rssIdleMb : null;
    const retained =
      o.rssAfterMb !== null && o.rssIdleMb !== null ? o.rssAfterMb - o.rssIdleMb : null;
    const above = (mb: number | null) =>
      mb !== null && o.heapIdleMb !== null ? mb - o.heapIdleMb : null;
    return [
      kind,
      o.messages,
      format(o.storedMb, 2),
      format(o.openedKb, 0),
      format(o.coldMs, 0),
      ratio(o.coldMs, stock?.coldMs ?? null),
      format(o.warmMs, 0),
      format(o.behindMs, 1),
      format(o.behindBytes),
      format(loaded, 0),
      format(retained, 0),
      format(above(o.heapLoadedMb), 0),
      format(above(o.heapAfterMb), 1),
      format(o.heapBackSeconds, 0),
    ];
  });
  return {
    id: "cold-open",
    title: "4. Cold open of a large channel (split: channel document + newest thread)",
    tables: [
      {
        title: `cold open: one channel, settle ${context.sizes.coldOpen.settleSeconds} s after the last client left`,
        columns: [
          "server",
          "messages",
          "stored MB",
          "opened KB",
          "cold open ms",
          "cold vs hp-sqlite",
          "warm open ms",
          "1 behind ms",
          "1 behind bytes",
          "RSS +MB loaded",
          "RSS +MB after leave",
          "heap +MB loaded",
          "heap +MB after leave",
          "heap back in s",
        ],
        rows,
      },
    ],
    notes: [
      "a channel of N messages is threads of 40-60 messages, each in its thread document; opening it is what a browser loads: the channel document (the index of threads) and then the newest thread's document, one after the other (times and bytes of both). stored MB: all of the channel's documents; opened KB: what the client received.",
      "cold: the server has the channel only in storage; warm: another client holds it loaded; 1 behind: a client that lacks only the newest message opens its thread (sends its state vector).",
      "RSS +MB: resident memory above the idle server's, while the channel is held open, and the lowest reading in the settle time after the last client left (n/a cold for the in-memory server, which forgets a channel nobody holds).",
      "heap +MB: the same for the JS heap in use after a full collection (each reading forces one, every 2 s while settling); heap back in s: when it first read within 10% of the idle heap after the last client left (n/a: not within the settle time).",
    ],
    charts: [
      {
        name: "cold-open",
        title: "Cold open: time until a new client has the channel",
        spec: {
          data: {
            values: results
              .filter((r) => r.opened.coldMs !== null)
              .map((r) => ({
                server: r.kind,
                messages: String(r.opened.messages),
                ms: r.opened.coldMs,
              })),
          },
          mark: "bar",
          encoding: {
            x: { field: "messages", type: "nominal", title: "messages in the channel" },
            xOffset: { field: "server" },
            y: { field: "ms", type: "quantitative", title: "cold open, ms" },
            color: { field: "server", type: "nominal" },
          },
        },
      },
    ],
    data: { sizes, results },
  };
}
