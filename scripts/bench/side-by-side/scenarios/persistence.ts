// Scenario 3: persistence under load. Channels get a steady trickle of messages; we count bytes
// the server writes to disk per message, its event-loop delay, and then SIGKILL it mid-load and
// count acknowledged messages that a restarted server lacks. Two layouts:
// - 3 (`persistence`): each channel is a busy thread of a realistic size, the same thread
//   document on every server (what storing one document costs, like for like);
// - 3b (`long-channels`): each channel is a long one, stored as each server would hold it: on
//   OpenVibe split (the channel document and thread documents of 40-60 messages, new messages in
//   the newest thread), on the stock server as one document holding the whole history (what a
//   team running stock Hocuspocus has: it has no split).
import { rmSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import { buildChannel } from "../../channel-fixture.ts";
import { progress } from "../../lib/cli.ts";
import { attempt, connectionTo, freshDataDir, type RunContext, serversFor } from "../context.ts";
import { LoadGenerator } from "../load.ts";
import { deliveredPercent, type Measured, measureLoad } from "../measure.ts";
import { format, type ScenarioResult } from "../report.ts";
import {
  appendToOpenVibeLog,
  type BuiltChannel,
  buildSplitWithLast,
  buildThreadWithLast,
} from "../seeding.ts";
import { type RunningServer, type ServerKind, startServer } from "../servers.ts";
import type { Sizes } from "../sizes.ts";
import { type BenchDocument, prepareWorkspace } from "../workspace.ts";

const PERSISTENT: readonly ServerKind[] = ["openvibe", "hocuspocus-sqlite"];

/** The kill phase: a second load this long, SIGKILL half-way through. */
function killPhaseSeconds(loadSeconds: number): number {
  return Math.max(1, Math.min(4, loadSeconds));
}

interface Outcome {
  stateMb: number;
  measured: Measured;
  killPhase: { sent: number; acked: number };
  lost: { acked: number; lost: number };
}

type LoadSizes = Sizes["persistence"];

/** A server's channels before the load: the documents stored, and those the writers post in. */
interface Seeded {
  /** Bytes stored per channel, in MB. */
  stateMb: number;
  stored: { document: string; state: Uint8Array }[];
  /** One per channel. */
  writeIn: BenchDocument[];
}

/** How channels are stored, per server (the workspace's documents: one per channel). */
interface Layout {
  /** The scenario's id, its title and its table's name. */
  id: string;
  title: (sizes: LoadSizes) => string;
  tableName: string;
  /** What the table's reader needs to know of the layout. */
  notes: string[];
  sizes: (sizes: Sizes) => LoadSizes;
  seed(openvibe: boolean, documents: readonly BenchDocument[], sizes: LoadSizes): Seeded;
}

const MB = 2 ** 20;

/** Scenario 3's: a busy thread per channel, the same thread document on every server. */
function busyThreads(): Layout {
  // OpenVibe needs each thread document built with its channel id; the stock server reuses it.
  const cache = new Map<number, BuiltChannel>();
  return {
    id: "persistence",
    tableName: "persistence",
    notes: [],
    title: ({ channels, messages, rate }) =>
      `3. Persistence under load: ${channels} channels, each a thread document of ${messages} messages, ${rate} msg/s each`,
    sizes: (sizes) => sizes.persistence,
    seed(openvibe, documents, { channels, messages }) {
      if (openvibe || cache.size === 0) {
        progress(`    building ${channels} threads of ${messages} messages`);
      }
      const built = documents.map((d, i) => {
        const cached = openvibe ? undefined : cache.get(i);
        if (cached !== undefined) return cached;
        const fresh = buildThreadWithLast(messages, 100 + i, d.channelId, d.threadId);
        cache.set(i, fresh);
        return fresh;
      });
      return {
        stateMb: built.reduce((sum, b) => sum + b.bytes, 0) / built.length / MB,
        stored: documents.map((d, i) => ({
          document: d.name,
          state: (built[i] as BuiltChannel).state,
        })),
        writeIn: [...documents],
      };
    },
  };
}

/** Scenario 3b's: a long channel each, split on OpenVibe, one whole document on the stock server. */
function longChannels(): Layout {
  return {
    id: "long-channels",
    tableName: "long channels",
    notes: [
      "OpenVibe stores a channel split (the channel document, the index of its threads, and a thread document per thread of 40-60 messages; new messages go to the newest thread); the stock server holds the same messages as one document per channel, as a team running it would (it has no split).",
    ],
    title: ({ channels, messages, rate }) =>
      `3b. Persistence in long channels, as each server stores them: ${channels} channels of ${messages.toLocaleString("en")} messages, ${rate} msg/s each`,
    sizes: (sizes) => sizes.longChannels,
    seed(openvibe, documents, { channels, messages }) {
      progress(
        `    building ${channels} channels of ${messages.toLocaleString("en")} messages, ${openvibe ? "split" : "each one document"}`,
      );
      const built = (done: number) => progress(`      ${done.toLocaleString("en")} built`);
      if (!openvibe) {
        const whole = documents.map((d, i) => ({
          d,
          channel: buildChannel(messages, 200 + i, built, d.channelId),
        }));
        return {
          stateMb:
            whole.reduce((sum, w) => sum + w.channel.state.byteLength, 0) / whole.length / MB,
          stored: whole.map(({ d, channel }) => ({
            document: d.channelName,
            state: channel.state,
          })),
          // The channel's newest thread, in the channel's one document.
          writeIn: whole.map(({ d, channel }) => ({
            ...d,
            name: d.channelName,
            threadId: channel.lastThreadId,
          })),
        };
      }
      const split = documents.map((d, i) => ({
        d,
        channel: buildSplitWithLast(messages, 200 + i, d.channelId, d.channelName, built),
      }));
      return {
        stateMb: split.reduce((sum, s) => sum + s.channel.storedBytes, 0) / split.length / MB,
        stored: split.flatMap(({ channel }) => [
          { document: channel.channel.name, state: channel.channel.state },
          ...channel.others.map((t) => ({ document: t.name, state: t.state })),
          { document: channel.newest.name, state: channel.newest.state },
        ]),
        writeIn: split.map(({ d, channel }) => ({
          ...d,
          name: channel.newest.name,
          threadId: channel.newest.threadId,
        })),
      };
    },
  };
}

async function runOne(context: RunContext, kind: ServerKind, layout: Layout): Promise<Outcome> {
  const sizes = layout.sizes(context.sizes);
  const { channels, rate, seconds } = sizes;
  const dataDir = freshDataDir(context, kind);
  let server: RunningServer = await startServer(kind, dataDir);
  const load = LoadGenerator.start();
  try {
    const workspace = await prepareWorkspace(server, channels, 1);
    const seeded = layout.seed(server.spec.openvibe, workspace.documents, sizes);
    if (server.spec.openvibe) {
      await server.stop();
      await appendToOpenVibeLog(
        dataDir,
        seeded.stored.map(({ document, state }) => ({ document, updates: [state] })),
        (line) => progress(`      ${line}`),
      );
    } else {
      await load.call("connect", connectionTo(server));
      for (const { document, state } of seeded.stored) {
        await load.call("upload", { document, token: "stock", updates: [state], keep: false });
      }
      await server.stop(); // stores every document
    }
    server = await startServer(kind, dataDir);
    await load.call("connect", connectionTo(server));
    await load.call("writers", {
      documents: seeded.writeIn,
      token: workspace.writer.token,
      authorId: workspace.writer.userId,
      seed: 4,
    });
    await load.call("receivers", {
      documents: seeded.writeIn.map((d) => d.name),
      perDocument: 1,
      tokens: workspace.readerTokens,
    });
    // Warm-up, not measured: the first writes after loading (OpenVibe may compact or index a
    // channel it just loaded; the stock extension's first store) belong to the seeding.
    await load.call("load", { ratePerWriter: 10, countPerWriter: 2, window: 0, drainMs: 10_000 });
    await delay(context.sizes.storeSettleMs);
    progress(`    ${channels} channels × ${rate}/s for ${seconds} s`);
    const measured = await measureLoad(
      { server, load, dataDir },
      {
        ratePerWriter: rate,
        countPerWriter: Math.max(1, Math.round(rate * seconds)),
        window: 0,
        drainMs: 10_000,
      },
      context.sizes.storeSettleMs,
    );
    // Kill phase: the same load, and SIGKILL while it runs.
    const killPhase = load.call("load", {
      ratePerWriter: rate,
      countPerWriter: Math.max(2, Math.round(rate * killPhaseSeconds(seconds))),
      window: 0,
      drainMs: 2_000,
    });
    await delay((killPhaseSeconds(seconds) * 1000) / 2);
    await server.kill();
    const killed = await killPhase;
    server = await startServer(kind, dataDir);
    await load.call("connect", connectionTo(server));
    const lost = await load.call("lost", { token: workspace.readerTokens[0] ?? "stock" });
    progress(`    ${kind}: ${lost.acked} acknowledged before SIGKILL, ${lost.lost} lost`);
    return {
      stateMb: seeded.stateMb,
      measured,
      killPhase: { sent: killed.sent, acked: killed.acked },
      lost,
    };
  } finally {
    await load.stop();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function persistence(context: RunContext): Promise<ScenarioResult> {
  return runLayout(context, busyThreads());
}

export function longChannelPersistence(context: RunContext): Promise<ScenarioResult> {
  return runLayout(context, longChannels());
}

async function runLayout(context: RunContext, layout: Layout): Promise<ScenarioResult> {
  const sizes = layout.sizes(context.sizes);
  const { channels, messages, rate, seconds } = sizes;
  const kinds = serversFor(context, PERSISTENT);
  const outcomes = new Map<ServerKind, Outcome>();
  for (const kind of kinds) {
    progress(`  ${kind}`);
    const outcome = await attempt(context, kind, () => runOne(context, kind, layout));
    if (outcome !== null) outcomes.set(kind, outcome);
  }
  const perMessage = (o: Outcome, bytes: number | null) =>
    bytes === null ? null : bytes / Math.max(1, o.measured.load.acked || o.measured.load.sent);
  const stock = outcomes.get("hocuspocus-sqlite");
  const stockBytes = stock === undefined ? null : perMessage(stock, stock.measured.writeBytes);
  const rows = kinds
    .filter((kind) => outcomes.has(kind))
    .map((kind) => {
      const o = outcomes.get(kind) as Outcome;
      const bytes = perMessage(o, o.measured.writeBytes);
      return [
        kind,
        format(o.stateMb, 2),
        o.measured.load.sent,
        format(deliveredPercent(o.measured.load), 1),
        format(bytes),
        stockBytes === null || bytes === null || bytes === 0
          ? "n/a"
          : `1/${format(stockBytes / bytes, 1)}`,
        format(perMessage(o, o.measured.wchar)),
        format(o.measured.load.p99Ms, 1),
        format(o.measured.loop?.p99Ms ?? null, 1),
        format(o.measured.loop?.maxMs ?? null, 1),
        format(
          o.measured.serverCpuMs === null
            ? null
            : o.measured.serverCpuMs / Math.max(1, o.measured.load.sent),
          3,
        ),
        o.lost.acked,
        o.lost.lost,
      ];
    });
  return {
    id: layout.id,
    title: layout.title(sizes),
    tables: [
      {
        title: `${layout.tableName}: ${seconds} s of load, then SIGKILL ${killPhaseSeconds(seconds) / 2} s into a second load`,
        columns: [
          "server",
          "state MB/channel",
          "messages",
          "delivered %",
          "disk B/msg",
          "vs hp-sqlite",
          "write() B/msg",
          "p99 ms",
          "loop p99 ms",
          "loop max ms",
          "CPU ms/msg",
          "acked before kill",
          "acked lost",
        ],
        rows,
      },
    ],
    notes: [
      ...layout.notes,
      "disk B/msg: /proc/<pid>/io write_bytes over the load, per acknowledged message; write() B/msg: wchar, which also counts socket writes.",
      "vs hp-sqlite: 1/N means N times fewer bytes per message than stock Hocuspocus with extension-sqlite.",
      "acked lost: messages the server acknowledged (Hocuspocus sync status) before the SIGKILL that the restarted server does not have.",
    ],
    charts: [],
    data: { channels, messages, rate, seconds, outcomes: Object.fromEntries(outcomes) },
  };
}
