// Scenario 3: persistence under load. Channels each with a busy thread of a realistic size (its
// thread document) get a steady trickle of messages in that thread; we count bytes the server
// writes to disk per message, its event-loop delay, and then SIGKILL it mid-load and count
// acknowledged messages that a restarted server lacks.
import { rmSync } from "node:fs";
import { setTimeout as delay } from "node:timers/promises";
import { progress } from "../../lib/cli.ts";
import { attempt, connectionTo, freshDataDir, type RunContext, serversFor } from "../context.ts";
import { LoadGenerator } from "../load.ts";
import { deliveredPercent, type Measured, measureLoad } from "../measure.ts";
import { format, type ScenarioResult } from "../report.ts";
import { appendToOpenVibeLog, type BuiltChannel, buildThreadWithLast } from "../seeding.ts";
import { type RunningServer, type ServerKind, startServer } from "../servers.ts";
import { prepareWorkspace } from "../workspace.ts";

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

async function runOne(
  context: RunContext,
  kind: ServerKind,
  cache: Map<number, BuiltChannel>,
): Promise<Outcome> {
  const { channels, messages, rate, seconds } = context.sizes.persistence;
  const dataDir = freshDataDir(context, kind);
  let server: RunningServer = await startServer(kind, dataDir);
  const load = LoadGenerator.start();
  try {
    const workspace = await prepareWorkspace(server, channels, 1);
    if (server.spec.openvibe || cache.size === 0) {
      progress(`    building ${channels} threads of ${messages} messages`);
    }
    // OpenVibe needs each thread document built with its channel id; the stock server reuses it.
    const built = workspace.documents.map((d, i) => {
      const cached = server.spec.openvibe ? undefined : cache.get(i);
      if (cached !== undefined) return cached;
      const fresh = buildThreadWithLast(messages, 100 + i, d.channelId, d.threadId);
      cache.set(i, fresh);
      return fresh;
    });
    const stateMb = built.reduce((sum, b) => sum + b.bytes, 0) / built.length / 2 ** 20;
    if (server.spec.openvibe) {
      await server.stop();
      await appendToOpenVibeLog(
        dataDir,
        workspace.documents.map((d, i) => ({
          document: d.name,
          updates: [(built[i] as (typeof built)[number]).state],
        })),
      );
    } else {
      await load.call("connect", connectionTo(server));
      for (const [i, d] of workspace.documents.entries()) {
        await load.call("upload", {
          document: d.name,
          token: "stock",
          updates: [(built[i] as (typeof built)[number]).state],
          keep: false,
        });
      }
      await server.stop(); // stores every document
    }
    server = await startServer(kind, dataDir);
    await load.call("connect", connectionTo(server));
    await load.call("writers", {
      documents: workspace.documents,
      token: workspace.writer.token,
      authorId: workspace.writer.userId,
      seed: 4,
    });
    await load.call("receivers", {
      documents: workspace.documents.map((d) => d.name),
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
    return { stateMb, measured, killPhase: { sent: killed.sent, acked: killed.acked }, lost };
  } finally {
    await load.stop();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export async function persistence(context: RunContext): Promise<ScenarioResult> {
  const { channels, messages, rate, seconds } = context.sizes.persistence;
  const kinds = serversFor(context, PERSISTENT);
  const outcomes = new Map<ServerKind, Outcome>();
  const cache = new Map<number, BuiltChannel>();
  for (const kind of kinds) {
    progress(`  ${kind}`);
    const outcome = await attempt(context, kind, () => runOne(context, kind, cache));
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
    id: "persistence",
    title: `3. Persistence under load: ${channels} channels, each a thread document of ${messages} messages, ${rate} msg/s each`,
    tables: [
      {
        title: `persistence: ${seconds} s of load, then SIGKILL ${killPhaseSeconds(seconds) / 2} s into a second load`,
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
      "disk B/msg: /proc/<pid>/io write_bytes over the load, per acknowledged message; write() B/msg: wchar, which also counts socket writes.",
      "vs hp-sqlite: 1/N means N times fewer bytes per message than stock Hocuspocus with extension-sqlite.",
      "acked lost: messages the server acknowledged (Hocuspocus sync status) before the SIGKILL that the restarted server does not have.",
    ],
    charts: [],
    data: { channels, messages, rate, seconds, outcomes: Object.fromEntries(outcomes) },
  };
}
