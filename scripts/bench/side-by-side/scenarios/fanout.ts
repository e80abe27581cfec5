// Scenario 1: one busy channel. Many clients on one document, one writer posting at rising
// rates; latency at the receivers, delivered share, server CPU and event-loop delay.
import { progress } from "../../lib/cli.ts";
import {
  interleaved,
  median,
  type RunContext,
  serversFor,
  withLoadGenerator,
  withServer,
} from "../context.ts";
import { deliveredPercent, type Measured, measureSplitLoad } from "../measure.ts";
import { format, ratio, type ScenarioResult } from "../report.ts";
import { SERVER_KINDS, type ServerKind } from "../servers.ts";
import { prepareWorkspace } from "../workspace.ts";

/** The bar a rate must clear to count as sustained. */
const SUSTAINED_P99_MS = 100;

interface Run {
  rssMbConnected: number | null;
  points: { rate: number; measured: Measured }[];
  replicas: { checked: number; converged: number };
}

export async function fanout(context: RunContext): Promise<ScenarioResult> {
  const { clients, rates, seconds, repeats } = context.sizes.fanout;
  const kinds = serversFor(context, SERVER_KINDS);
  const runs = await interleaved(context, kinds, repeats, (kind) =>
    withServer(context, kind, (session) =>
      // The writer (and the replicas that check it) in a generator of their own: see
      // measureSplitLoad.
      withLoadGenerator(session.server, async (writing): Promise<Run> => {
        const { server, load } = session;
        const workspace = await prepareWorkspace(server, 1, 2);
        const documents = workspace.documents;
        await writing.call("writers", {
          documents,
          token: workspace.writer.token,
          authorId: workspace.writer.userId,
          seed: 1,
        });
        await load.call("receivers", {
          documents: documents.map((d) => d.name),
          perDocument: clients,
          tokens: workspace.readerTokens,
        });
        await writing.call("replicas", {
          documents: documents.map((d) => d.name),
          raw: 1,
          providers: 2,
          token: workspace.readerTokens[0] ?? "",
        });
        const rssMbConnected = server.sample()?.rssMb ?? null;
        const points: Run["points"] = [];
        for (const rate of rates) {
          const measured = await measureSplitLoad(session, writing, {
            ratePerWriter: rate,
            countPerWriter: Math.max(1, Math.round(rate * seconds)),
            window: 0,
            drainMs: 5_000,
          });
          progress(
            `    ${rate}/s: ${deliveredPercent(measured.load)}% delivered, p99 ${measured.load.p99Ms} ms`,
          );
          points.push({ rate, measured });
        }
        const replicas = await writing.call("verify", { deadlineMs: 10_000 });
        return { rssMbConnected, points, replicas };
      }),
    ),
  );

  const rows = [];
  const summaries: {
    kind: ServerKind;
    sustained: number | null;
    rss: number | null;
    converged: string;
  }[] = [];
  const chartRows: Record<string, unknown>[] = [];
  for (const kind of kinds) {
    const repeatsOf = runs.get(kind) ?? [];
    let sustained: number | null = null;
    for (const rate of rates) {
      const at = repeatsOf.map((run) => run.points.find((p) => p.rate === rate)?.measured);
      const present = at.filter((m): m is Measured => m !== undefined);
      const delivered = median(present.map((m) => deliveredPercent(m.load)));
      const p50 = median(present.map((m) => m.load.p50Ms));
      const p99 = median(present.map((m) => m.load.p99Ms));
      const duplicates = present.reduce((sum, m) => sum + m.load.duplicates, 0);
      const ok = delivered === 100 && p99 !== null && p99 < SUSTAINED_P99_MS;
      if (ok && (sustained === null || rate > sustained)) sustained = rate;
      rows.push([
        kind,
        rate,
        format(delivered, 1),
        format(p50, 1),
        format(p99, 1),
        format(median(present.map((m) => m.serverCpuPercent))),
        format(median(present.map((m) => m.eventLoopCpuPercent))),
        format(
          median(
            present.map((m) =>
              m.serverCpuMs === null ? null : m.serverCpuMs / Math.max(1, m.load.sent),
            ),
          ),
          2,
        ),
        format(median(present.map((m) => m.loop?.p99Ms ?? null)), 1),
        format(median(present.map((m) => m.commits?.meanMs ?? null)), 1),
        format(median(present.map((m) => m.commits?.p99AtMostMs ?? null)), 1),
        format(median(present.map((m) => m.load.generatorCpuPercent))),
        format(median(present.map((m) => m.load.sendLagP99Ms)), 1),
        format(median(present.map((m) => m.othersCpuPercent))),
        duplicates,
      ]);
      chartRows.push({ server: kind, rate, p99, p50, delivered });
    }
    const checked = repeatsOf.reduce((sum, run) => sum + run.replicas.checked, 0);
    const converged = repeatsOf.reduce((sum, run) => sum + run.replicas.converged, 0);
    summaries.push({
      kind,
      sustained,
      rss: median(repeatsOf.map((run) => run.rssMbConnected)),
      converged: `${converged}/${checked}`,
    });
  }
  const base = (kind: ServerKind) => summaries.find((s) => s.kind === kind);
  const summaryRows = summaries.map((s) => [
    s.kind,
    s.sustained === null ? "none" : `${s.sustained}/s`,
    ratio(s.sustained, base("hocuspocus-memory")?.sustained ?? null),
    ratio(s.sustained, base("y-websocket")?.sustained ?? null),
    format(s.rss, 0),
    ratio(s.rss, base("hocuspocus-memory")?.rss ?? null),
    s.converged,
  ]);
  return {
    id: "fanout",
    title: `1. Busy channel fan-out: 1 writer, ${clients} receivers on one document`,
    tables: [
      {
        title: `fanout: ${clients} receivers, ${seconds} s per rate, median of ${repeats}`,
        columns: [
          "server",
          "msg/s",
          "delivered %",
          "p50 ms",
          "p99 ms",
          "server CPU %",
          "event loop CPU %",
          "CPU ms/msg",
          "loop p99 ms",
          "commit mean ms",
          "commit p99 ≤ ms",
          "generator CPU %",
          "send lag p99 ms",
          "others CPU %",
          "duplicates",
        ],
        rows,
      },
      {
        title: `fanout summary: highest rate with 100% delivered and p99 < ${SUSTAINED_P99_MS} ms`,
        columns: [
          "server",
          "sustained",
          "vs hocuspocus-memory",
          "vs y-websocket",
          `RSS MB at ${clients} clients`,
          "RSS vs hocuspocus-memory",
          "replicas converged",
        ],
        rows: summaryRows,
      },
    ],
    notes: [
      "commit: OpenVibe's group commits during the point (openvibe_commit_seconds): their mean, and the histogram bucket's bound 99% of them finished within. Every update waits for its commit, with its fsync, before it is acknowledged or forwarded; n/a: the stock servers, which store nothing before acknowledging.",
    ],
    charts: [
      {
        name: "fanout-p99",
        title: `Fan-out: p99 delivery latency by rate (${clients} receivers)`,
        spec: {
          data: { values: chartRows.filter((r) => r.p99 !== null) },
          mark: { type: "line", point: true },
          encoding: {
            x: { field: "rate", type: "quantitative", title: "messages/s" },
            y: {
              field: "p99",
              type: "quantitative",
              title: "p99 latency, ms",
              scale: { type: "log" },
            },
            color: { field: "server", type: "nominal" },
          },
        },
      },
    ],
    data: { clients, rates, seconds, repeats, runs: Object.fromEntries(runs) },
  };
}
