// Scenario 4: cold open. A channel of N messages over threads is stored (split: each thread in its
// thread document, the channel document holding the index), plus one long thread (1,000 messages
// at the full sizes) apart. A new client opens the channel as a browser does while the server has
// it only on disk (cold): the channel document alone first (the server's memory for it is read
// while it is held), then the newest thread's document; then the long thread cold; then all of it
// again while it is loaded (warm), and a client one message behind opens the newest thread.
// Memory: the server's RSS and its heap in use (after a full collection) before, with the channel
// document alone, with the channel open, and after everyone left, watched for the settle time:
// the heap shows what the server still holds, which RSS does not (V8 and malloc keep freed pages).
// OpenVibe runs with a short idle unload (IDLE_UNLOAD_MS) so that its unloading shows within the
// settle time.
import { rmSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import { progress } from "../../lib/cli.ts";
import { attempt, connectionTo, freshDataDir, type RunContext, serversFor } from "../context.ts";
import { LoadGenerator } from "../load.ts";
import { format, ratio, type ScenarioResult } from "../report.ts";
import {
  appendToOpenVibeLog,
  type BuiltSplitChannel,
  buildLongThread,
  buildSplitWithLast,
} from "../seeding.ts";
import { type RunningServer, SERVER_SPECS, type ServerKind, startServer } from "../servers.ts";
import { prepareWorkspace } from "../workspace.ts";

const KINDS: readonly ServerKind[] = ["openvibe", "hocuspocus-sqlite", "hocuspocus-memory"];
const RSS_SAMPLE_MS = 500;
/** Heap readings force a full collection: fewer of them. */
const HEAP_SAMPLE_MS = 2_000;
/** Documents uploaded to a stock server at once. */
const UPLOADS_AT_ONCE = 16;
/** Back to the idle heap: within this much of it. */
const HEAP_BASELINE_SLACK = 1.1;
/**
 * OpenVibe's OPENVIBE_DOCUMENT_IDLE_MS in this scenario: how long a document stays loaded after
 * its last client left. Short, so the unload happens well within the settle time.
 */
export const IDLE_UNLOAD_MS = 1_000;

interface Opened {
  messages: number;
  /** Every document of the channel. */
  storedMb: number;
  /** What a client opening the channel receives: the channel document and the newest thread. */
  openedKb: number;
  /** Cold open of the channel document alone. */
  coldChannelMs: number | null;
  /** The server's own load of the channel document in that cold open (null: not counted). */
  channelLoadMs: number | null;
  coldMs: number | null;
  /** Cold open of the long thread (its document alone), and its size. */
  longThreadColdMs: number | null;
  /** The server's own load of the long thread in its cold open (null: not counted). */
  longThreadLoadMs: number | null;
  longThreadKb: number;
  warmMs: number;
  behindMs: number;
  behindBytes: number;
  rssIdleMb: number | null;
  rssLoadedMb: number | null;
  rssAfterMb: number | null;
  heapIdleMb: number | null;
  /** While only the channel document is held open (cold servers only). */
  rssChannelDocMb: number | null;
  heapChannelDocMb: number | null;
  heapLoadedMb: number | null;
  /** The lowest heap reading in the settle time. */
  heapAfterMb: number | null;
  /** When the heap first read within 10% of idle after the last client left; null: never. */
  heapBackSeconds: number | null;
}

/** A channel as the scenario stores it: the split channel and its long thread apart. */
interface BuiltColdChannel {
  split: BuiltSplitChannel;
  longThread: { name: string; state: Uint8Array };
}

/**
 * Built channels by size. OpenVibe refuses a document of another channel, so the first server
 * (OpenVibe, when it runs) builds with its channel id; the stock servers take any id and reuse it.
 */
const builtBySize = new Map<number, BuiltColdChannel>();

function build(
  messages: number,
  threadMessages: number,
  channelId: string,
  channelName: string,
): BuiltColdChannel {
  progress(`    building ${messages.toLocaleString("en")} messages`);
  const split = buildSplitWithLast(messages, 7, channelId, channelName, (done) =>
    progress(`      ${done.toLocaleString("en")} built`),
  );
  progress(`    building the ${threadMessages.toLocaleString("en")}-message thread`);
  return { split, longThread: buildLongThread(threadMessages, 7, channelId) };
}

/** Opens the channel document, then the newest thread's document: the time and bytes of both. */
async function openChannel(load: LoadGenerator, built: BuiltSplitChannel, token: string) {
  const channel = await load.call("probe", { document: built.channel.name, token });
  const thread = await load.call("probe", { document: built.newest.name, token });
  return { ms: channel.ms + thread.ms, bytes: channel.bytes + thread.bytes };
}

/**
 * A probe and the server's own time loading documents meanwhile (its loads counted before and
 * after; null when the server does not count them).
 */
async function probeTimed(server: RunningServer, probing: () => Promise<{ ms: number }>) {
  const before = await server.documentLoadMs();
  const probe = await probing();
  const after = await server.documentLoadMs();
  return { ...probe, loadMs: before === null || after === null ? null : after - before };
}

/** The server's RSS and its heap in use after a full collection, now. */
async function memory(server: RunningServer) {
  return {
    rssMb: server.sample()?.rssMb ?? null,
    heapMb: (await server.report())?.heapUsedMb ?? null,
  };
}

async function openOne(context: RunContext, kind: ServerKind, messages: number): Promise<Opened> {
  const dataDir = freshDataDir(context, kind);
  const settings = { OPENVIBE_DOCUMENT_IDLE_MS: String(IDLE_UNLOAD_MS) };
  let server: RunningServer = await startServer(kind, dataDir, settings);
  const load = LoadGenerator.start();
  try {
    const workspace = await prepareWorkspace(server, 1, 1);
    const [document] = workspace.documents;
    if (document === undefined) throw new Error("no channel");
    const token = workspace.readerTokens[0] ?? "stock";
    const threadMessages = context.sizes.coldOpen.threadMessages;
    let built = server.spec.openvibe ? undefined : builtBySize.get(messages);
    if (built === undefined) {
      built = build(messages, threadMessages, document.channelId, document.channelName);
      builtBySize.set(messages, built);
    }
    const { split, longThread } = built;
    const persistent = server.spec.persistent;
    // An in-memory server forgets a document nobody holds, so the uploader stays connected to
    // each: it gets only the documents opened (a connection per document; 20,000 at 1M messages
    // pass the file limit), the others would be forgotten at once anyway.
    const entries = [
      { document: split.channel.name, updates: [split.channel.state] },
      ...(persistent ? split.others.map((t) => ({ document: t.name, updates: [t.state] })) : []),
      { document: longThread.name, updates: [longThread.state] },
      { document: split.newest.name, updates: [split.newest.state, split.newest.last] },
    ];
    if (server.spec.openvibe) {
      await server.stop();
      progress(`    storing ${entries.length.toLocaleString("en")} documents`);
      await appendToOpenVibeLog(dataDir, entries, (line) => progress(`    ${line}`));
      server = await startServer(kind, dataDir, settings);
      await load.call("connect", connectionTo(server));
    } else {
      await load.call("connect", connectionTo(server));
      progress(`    uploading ${entries.length.toLocaleString("en")} documents`);
      // A few at a time: at 1M messages there are 20,000 documents, each its own connection.
      for (let from = 0; from < entries.length; from += UPLOADS_AT_ONCE) {
        const batch = entries.slice(from, from + UPLOADS_AT_ONCE);
        await Promise.all(
          batch.map((entry) => load.call("upload", { ...entry, token, keep: !persistent })),
        );
        const done = from + batch.length;
        if (done % 2_000 < UPLOADS_AT_ONCE && entries.length > 2_000) {
          progress(`      ${done.toLocaleString("en")} uploaded`);
        }
      }
      if (persistent) {
        await server.stop();
        server = await startServer(kind, dataDir, settings);
        await load.call("connect", connectionTo(server));
      }
    }
    // Read once before the idle memory: the first read of the server's load times (OpenVibe's
    // first HTTP request) leaves state behind that would count as the channel document's.
    await server.documentLoadMs();
    const idle = await memory(server);
    // Cold (persistent servers): the channel document alone, held while its memory is read,
    // then the newest thread beside it, then the long thread on its own.
    let coldChannelMs: number | null = null;
    let coldMs: number | null = null;
    let channelDoc: { rssMb: number | null; heapMb: number | null } = {
      rssMb: null,
      heapMb: null,
    };
    let longThreadColdMs: number | null = null;
    let channelLoadMs: number | null = null;
    let longThreadLoadMs: number | null = null;
    if (persistent) {
      const channel = await probeTimed(server, () =>
        load.call("probe", { document: split.channel.name, token, hold: true }),
      );
      coldChannelMs = channel.ms;
      channelLoadMs = channel.loadMs;
      channelDoc = await memory(server);
      const thread = await load.call("probe", { document: split.newest.name, token, hold: true });
      coldMs = channel.ms + thread.ms;
      const long = await probeTimed(server, () =>
        load.call("probe", { document: longThread.name, token }),
      );
      longThreadColdMs = long.ms;
      longThreadLoadMs = long.loadMs;
    } else {
      await load.call("receivers", {
        documents: [split.channel.name, split.newest.name],
        perDocument: 1,
        tokens: [token],
      });
    }
    const loaded = await memory(server);
    const warm = await openChannel(load, split, token);
    const behind = await load.call("probe", {
      document: split.newest.name,
      token,
      stateVector: split.newest.stateVectorBefore,
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
          heap !== null && idle.heapMb !== null && heap <= idle.heapMb * HEAP_BASELINE_SLACK;
        if (back && heapBackSeconds === null) heapBackSeconds = (Date.now() - left) / 1000;
      }
      await delay(RSS_SAMPLE_MS);
    } while (Date.now() < until);
    return {
      messages,
      storedMb: (split.storedBytes + longThread.state.byteLength) / 2 ** 20,
      openedKb: warm.bytes / 1024,
      coldChannelMs,
      channelLoadMs,
      coldMs,
      longThreadColdMs,
      longThreadLoadMs,
      longThreadKb: longThread.state.byteLength / 1024,
      warmMs: warm.ms,
      behindMs: behind.ms,
      behindBytes: behind.bytes,
      rssIdleMb: idle.rssMb,
      rssChannelDocMb: channelDoc.rssMb,
      rssLoadedMb: loaded.rssMb,
      rssAfterMb,
      heapIdleMb: idle.heapMb,
      heapChannelDocMb: channelDoc.heapMb,
      heapLoadedMb: loaded.heapMb,
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
  const threadMessages = context.sizes.coldOpen.threadMessages;
  const times = results.map(({ kind, opened: o }) => {
    const stock = find("hocuspocus-sqlite", o.messages);
    return [
      kind,
      o.messages,
      format(o.storedMb, 2),
      format(o.openedKb, 0),
      format(o.coldChannelMs, 0),
      format(o.channelLoadMs, 1),
      format(o.coldMs, 0),
      ratio(o.coldMs, stock?.coldMs ?? null),
      format(o.longThreadColdMs, 0),
      format(o.longThreadLoadMs, 1),
      format(o.warmMs, 0),
      format(o.behindMs, 1),
      format(o.behindBytes),
    ];
  });
  const memoryRows = results.map(({ kind, opened: o }) => {
    const { persistent } = SERVER_SPECS[kind];
    const rss = (mb: number | null) =>
      mb !== null && o.rssIdleMb !== null ? mb - o.rssIdleMb : null;
    const heap = (mb: number | null) =>
      mb !== null && o.heapIdleMb !== null ? mb - o.heapIdleMb : null;
    return [
      kind,
      o.messages,
      format(heap(o.heapChannelDocMb), 2),
      format(rss(o.rssChannelDocMb), 1),
      format(heap(o.heapLoadedMb), 0),
      format(rss(o.rssLoadedMb), 0),
      format(heap(o.heapAfterMb), 1),
      // An in-memory server's idle reading holds the channel (the uploader keeps it): no target.
      persistent ? ratio(o.heapAfterMb, o.heapIdleMb) : "n/a",
      format(rss(o.rssAfterMb), 0),
      persistent ? ratio(o.rssAfterMb, o.rssIdleMb) : "n/a",
      format(o.heapBackSeconds, 0),
    ];
  });
  const settle = context.sizes.coldOpen.settleSeconds;
  return {
    id: "cold-open",
    title: "4. Cold open of a large channel (split: channel document + newest thread)",
    tables: [
      {
        title: "cold open: one channel, times",
        columns: [
          "server",
          "messages",
          "stored MB",
          "opened KB",
          "channel doc cold ms",
          "server load ms",
          "cold open ms",
          "cold vs hp-sqlite",
          `${threadMessages.toLocaleString("en")}-msg thread cold ms`,
          "server load ms",
          "warm open ms",
          "1 behind ms",
          "1 behind bytes",
        ],
        rows: times,
      },
      {
        title: `cold open: server memory, settle ${settle} s after the last client left`,
        columns: [
          "server",
          "messages",
          "heap +MB channel doc",
          "RSS +MB channel doc",
          "heap +MB loaded",
          "RSS +MB loaded",
          "heap +MB after leave",
          "heap after/idle",
          "RSS +MB after leave",
          "RSS after/idle",
          "heap back in s",
        ],
        rows: memoryRows,
      },
    ],
    notes: [
      `a channel of N messages is threads of 40-60 messages, each in its thread document, plus one thread of ${threadMessages.toLocaleString("en")} messages stored without an index entry; opening the channel is what a browser loads: the channel document (the index of threads) and then the newest thread's document, one after the other (times and bytes of both). stored MB: all of the channel's documents; opened KB: what the client received.`,
      `cold: the server has the channel only in storage; channel doc cold: the channel document alone; ${threadMessages.toLocaleString("en")}-msg thread cold: a client opens the long thread's document, cold; warm: another client holds the channel loaded; 1 behind: a client that lacks only the newest message opens its thread (sends its state vector). server load ms (after each cold time): the server's own load of that document within it, from its first load hook to its last (reading storage, applying it, the load hooks' set-up), without the client's round trip (connecting, authentication, the sync reply's transfer): OpenVibe's openvibe_document_load_seconds, stock Hocuspocus timed by the same hooks; n/a: an in-memory server, which loads nothing cold.`,
      "heap/RSS +MB: the server's JS heap in use after a full collection (each reading forces one) and its resident memory, above the idle server's: with only the channel document open (cold servers), with the channel open (channel document and newest thread), and the lowest reading in the settle time after the last client left (every 2 s for the heap); after/idle: that lowest reading over the idle one (target: at most 1.10×); heap back in s: when the heap first read within 10% of idle (n/a: not within the settle time). The in-memory server has no cold readings and no after/idle: it forgets a document nobody holds, so the uploader keeps a connection to each document opened (it gets only those: the channel document, the newest thread and the long thread) and its idle reading holds them.",
      `OpenVibe runs with OPENVIBE_DOCUMENT_IDLE_MS=${IDLE_UNLOAD_MS} (a document unloads ${IDLE_UNLOAD_MS / 1000} s after its last client left; shipped default 0, at once) and its default OPENVIBE_INDEX_HOLD_MS (10 s): the settle time must exceed both for the after-leave readings to show the unload.`,
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
