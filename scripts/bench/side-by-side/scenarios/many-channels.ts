// Scenario 2: many small channels. Every document has its own writer and a few receivers; all
// writers post at the same per-document rate, phases spread evenly.
import { progress } from "../../lib/cli.ts";
import { interleaved, type RunContext, serversFor, withServer } from "../context.ts";
import { deliveredPercent, type Measured, measureLoad } from "../measure.ts";
import { format, ratio, type ScenarioResult } from "../report.ts";
import { type ServerKind, WITHOUT_NOGUARD } from "../servers.ts";
import { prepareWorkspace } from "../workspace.ts";

export async function manyChannels(context: RunContext): Promise<ScenarioResult> {
  const { configs, seconds } = context.sizes.manyChannels;
  // The write guard's cost shows in scenarios 1 and 1b; here it would only lengthen the run.
  const kinds = serversFor(context, WITHOUT_NOGUARD);
  const rows = [];
  const chartRows: Record<string, unknown>[] = [];
  const data: Record<string, unknown> = {};
  for (const config of configs) {
    const label = `${config.documents} docs × ${config.clients} clients @ ${config.rate}/s`;
    progress(` ${label}`);
    const runs = await interleaved(context, kinds, 1, (kind) =>
      withServer(
        context,
        kind,
        async (session): Promise<{ measured: Measured; rssMb: number | null }> => {
          const { server, load } = session;
          const workspace = await prepareWorkspace(server, config.documents, 2);
          await load.call("writers", {
            documents: workspace.documents,
            token: workspace.writer.token,
            authorId: workspace.writer.userId,
            seed: 3,
          });
          await load.call("receivers", {
            documents: workspace.documents.map((d) => d.name),
            perDocument: config.clients,
            tokens: workspace.readerTokens,
          });
          const rssMb = server.sample()?.rssMb ?? null;
          const measured = await measureLoad(session, {
            ratePerWriter: config.rate,
            countPerWriter: Math.max(1, Math.round(config.rate * seconds)),
            window: 0,
            drainMs: 5_000,
          });
          progress(
            `    ${kind}: ${deliveredPercent(measured.load)}% delivered, p99 ${measured.load.p99Ms} ms`,
          );
          return { measured, rssMb };
        },
      ),
    );
    data[label] = Object.fromEntries(runs);
    const memoryP99 = runs.get("hocuspocus-memory")?.[0]?.measured.load.p99Ms ?? null;
    for (const kind of kinds) {
      const run = runs.get(kind)?.[0];
      if (run === undefined) continue;
      const { measured } = run;
      const total = config.documents * config.rate;
      rows.push([
        label,
        kind,
        total,
        format(deliveredPercent(measured.load), 1),
        format(measured.load.p50Ms, 1),
        format(measured.load.p99Ms, 1),
        ratio(measured.load.p99Ms, memoryP99),
        format(measured.serverCpuPercent),
        format(
          measured.serverCpuMs === null
            ? null
            : measured.serverCpuMs / Math.max(1, measured.load.sent),
          3,
        ),
        format(measured.loop?.p99Ms ?? null, 1),
        format(run.rssMb),
        format(measured.load.generatorCpuPercent),
        measured.load.duplicates,
        format(measured.othersCpuPercent),
      ]);
      chartRows.push({ workload: label, server: kind as ServerKind, p99: measured.load.p99Ms });
    }
  }
  return {
    id: "many-channels",
    title: "2. Many small channels",
    tables: [
      {
        title: `many channels: ${seconds} s per workload, one writer per document`,
        columns: [
          "workload",
          "server",
          "msg/s total",
          "delivered %",
          "p50 ms",
          "p99 ms",
          "p99 vs hp-memory",
          "server CPU %",
          "CPU ms/msg",
          "loop p99 ms",
          "RSS MB",
          "generator CPU %",
          "duplicates",
          "others CPU %",
        ],
        rows,
      },
    ],
    notes: [],
    charts: [
      {
        name: "many-channels-p99",
        title: "Many channels: p99 delivery latency",
        spec: {
          data: { values: chartRows.filter((r) => r.p99 !== null) },
          mark: "bar",
          encoding: {
            y: { field: "server", type: "nominal", sort: null, title: null },
            x: { field: "p99", type: "quantitative", title: "p99 latency, ms" },
            row: { field: "workload", type: "nominal", title: null },
          },
          width: 400,
        },
      },
    ],
    data: { seconds, configs, runs: data },
  };
}
