// Scenario 1b: one writer, one receiver, as fast as the server goes (the writer keeps a small
// window of messages in flight to the receiver). Updates per second and the server's CPU time
// per update: the cost of one update through each server.
import { interleaved, median, type RunContext, serversFor, withServer } from "../context.ts";
import { deliveredPercent, type Measured, measureLoad } from "../measure.ts";
import { format, ratio, type ScenarioResult } from "../report.ts";
import { SERVER_KINDS, type ServerKind } from "../servers.ts";
import { prepareWorkspace } from "../workspace.ts";

/** Messages sent before measuring (JIT, SQLite cache). */
const WARM_UP = 200;

export async function oneWriter(context: RunContext): Promise<ScenarioResult> {
  const { messages, window, repeats, batches } = context.sizes.oneWriter;
  const kinds = serversFor(context, SERVER_KINDS);
  const runs = await interleaved(context, kinds, repeats, (kind) =>
    withServer(context, kind, async (session): Promise<Measured[]> => {
      const { server, load } = session;
      const workspace = await prepareWorkspace(server, 1, 1);
      const names = workspace.documents.map((d) => d.name);
      await load.call("writers", {
        documents: workspace.documents,
        token: workspace.writer.token,
        authorId: workspace.writer.userId,
        seed: 2,
      });
      await load.call("receivers", {
        documents: names,
        perDocument: 1,
        tokens: workspace.readerTokens,
      });
      const fullSpeed = { ratePerWriter: null, window, drainMs: 10_000 };
      await load.call("load", { ...fullSpeed, countPerWriter: Math.min(WARM_UP, messages) });
      const measured: Measured[] = [];
      for (let batch = 0; batch < batches; batch++) {
        measured.push(
          await measureLoad(
            session,
            { ...fullSpeed, countPerWriter: messages },
            context.sizes.storeSettleMs,
          ),
        );
      }
      return measured;
    }),
  );
  const summary = kinds.map((kind) => {
    const measured = (runs.get(kind) ?? []).flat();
    const perSecond = median(
      measured.map((m) =>
        m.load.elapsedMs > 0 ? (m.load.delivered / m.load.elapsedMs) * 1000 : null,
      ),
    );
    const cpuPerUpdate = median(
      measured.map((m) =>
        m.serverCpuMs === null || m.load.sent === 0 ? null : m.serverCpuMs / m.load.sent,
      ),
    );
    return {
      kind,
      perSecond,
      cpuPerUpdate,
      p50: median(measured.map((m) => m.load.p50Ms)),
      p99: median(measured.map((m) => m.load.p99Ms)),
      loopP99: median(measured.map((m) => m.loop?.p99Ms ?? null)),
      bytesPerUpdate: median(
        measured.map((m) =>
          m.writeBytes === null ? null : m.writeBytes / Math.max(1, m.load.sent),
        ),
      ),
      delivered: median(measured.map((m) => deliveredPercent(m.load))),
      duplicates: measured.reduce((sum, m) => sum + m.load.duplicates, 0),
      others: median(measured.map((m) => m.othersCpuPercent)),
    };
  });
  const base = (kind: ServerKind) => summary.find((s) => s.kind === kind);
  const sqlite = base("hocuspocus-sqlite");
  const memory = base("hocuspocus-memory");
  return {
    id: "one-writer",
    title: "1b. One writer, one receiver, full speed",
    tables: [
      {
        title: `one writer: ${messages} messages, window ${window}, median of ${repeats * batches}`,
        columns: [
          "server",
          "updates/s",
          "vs hp-sqlite",
          "vs hp-memory",
          "CPU ms/update",
          "CPU vs hp-sqlite",
          "p50 ms",
          "p99 ms",
          "loop p99 ms",
          "disk B/update",
          "delivered %",
          "duplicates",
          "others CPU %",
        ],
        rows: summary.map((s) => [
          s.kind,
          format(s.perSecond),
          ratio(s.perSecond, sqlite?.perSecond ?? null),
          ratio(s.perSecond, memory?.perSecond ?? null),
          format(s.cpuPerUpdate, 3),
          ratio(s.cpuPerUpdate, sqlite?.cpuPerUpdate ?? null),
          format(s.p50, 1),
          format(s.p99, 1),
          format(s.loopP99, 1),
          format(s.bytesPerUpdate),
          format(s.delivered, 1),
          s.duplicates,
          format(s.others),
        ]),
      },
    ],
    notes: [],
    charts: [
      {
        name: "one-writer",
        title: "One writer at full speed: updates/s and server CPU ms per update",
        spec: {
          data: {
            values: summary.map((s) => ({
              server: s.kind,
              "updates/s": s.perSecond,
              "CPU ms/update": s.cpuPerUpdate,
            })),
          },
          hconcat: [
            {
              mark: "bar",
              encoding: {
                y: { field: "server", type: "nominal", sort: null, title: null },
                x: { field: "updates/s", type: "quantitative" },
              },
              width: 240,
            },
            {
              mark: "bar",
              encoding: {
                y: { field: "server", type: "nominal", sort: null, title: null },
                x: { field: "CPU ms/update", type: "quantitative" },
              },
              width: 240,
            },
          ],
        },
      },
    ],
    data: { messages, window, repeats, runs: Object.fromEntries(runs) },
  };
}
