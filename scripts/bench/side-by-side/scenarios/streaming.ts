// Scenario 6: agent streaming. Several agents stream replies at once, one token per update
// (startAgentReply, then appendToReply per token, as the bridge does unbatched), each into its
// own channel watched by many viewers. Latency per token at the viewers, server CPU per token.
import { setTimeout as delay } from "node:timers/promises";
import type { ClaimedTask } from "@openvibe/schema";
import { progress } from "../../lib/cli.ts";
import { interleaved, type RunContext, serversFor, withServer } from "../context.ts";
import { deliveredPercent, type Measured, measureLoad } from "../measure.ts";
import { format, ratio, type ScenarioResult } from "../report.ts";
import { type ServerKind, WITHOUT_NOGUARD } from "../servers.ts";
import { prepareWorkspace } from "../workspace.ts";

const CLAIM_DEADLINE_MS = 60_000;

/** Claims `count` tasks as a bridge would; the reply target of each, by document name. */
async function claimTasks(baseUrl: string, bridgeKey: string, count: number) {
  const replies: Record<string, { threadId: string; taskId: string }> = {};
  const deadline = Date.now() + CLAIM_DEADLINE_MS;
  while (Object.keys(replies).length < count) {
    if (Date.now() > deadline) {
      throw new Error(
        `only ${Object.keys(replies).length} of ${count} agent tasks within ${CLAIM_DEADLINE_MS} ms`,
      );
    }
    const response = await fetch(`${baseUrl}/api/bridge/claim`, {
      method: "POST",
      headers: { Authorization: `Bearer ${bridgeKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ waitMs: 2_000 }),
    });
    if (response.status === 204) continue;
    if (response.status === 503) {
      // Nothing was claimed (the database was busy): again after Retry-After, as the bridge does.
      await response.body?.cancel();
      await delay(Number(response.headers.get("retry-after") ?? "1") * 1000);
      continue;
    }
    if (response.status !== 200)
      throw new Error(`claim answered ${response.status}: ${await response.text()}`);
    const task = (await response.json()) as ClaimedTask;
    replies[task.documentName] = { threadId: task.threadId, taskId: task.id };
  }
  return replies;
}

export async function streaming(context: RunContext): Promise<ScenarioResult> {
  const { streams, viewers, tokens, tokensPerSecond } = context.sizes.streaming;
  const kinds = serversFor(context, WITHOUT_NOGUARD);
  const runs = await interleaved(context, kinds, 1, (kind) =>
    withServer(context, kind, async (session): Promise<Measured> => {
      const { server, load } = session;
      const workspace = await prepareWorkspace(server, streams, 2, { agent: true });
      const agent = workspace.agent;
      if (agent === null) throw new Error("no agent");
      let replies: Record<string, { threadId: string; taskId: string }> | undefined;
      if (server.spec.openvibe) {
        // As in the product: a person mentions the agent, the server queues a task, a bridge
        // claims it, and the agent streams its reply under that task.
        await load.call("writers", {
          documents: workspace.documents,
          token: workspace.writer.token,
          authorId: workspace.writer.userId,
          seed: 6,
          threadBody: `@${agent.handle} please write a long answer`,
        });
        replies = await claimTasks(server.httpUrl, agent.bridgeKey, workspace.documents.length);
      }
      await load.call("writers", {
        documents: workspace.documents,
        token: agent.token,
        authorId: agent.userId,
        authorKind: "agent",
        seed: 7,
        ...(replies === undefined ? {} : { replies }),
      });
      await load.call("receivers", {
        documents: workspace.documents.map((d) => d.name),
        perDocument: viewers,
        tokens: workspace.readerTokens,
      });
      const measured = await measureLoad(session, {
        ratePerWriter: tokensPerSecond,
        countPerWriter: tokens + 1, // the reply's start, then its tokens
        window: 0,
        drainMs: 5_000,
      });
      progress(
        `    ${kind}: ${deliveredPercent(measured.load)}% delivered, p99 ${measured.load.p99Ms} ms`,
      );
      return measured;
    }),
  );
  const first = (kind: ServerKind) => runs.get(kind)?.[0];
  const memory = first("hocuspocus-memory");
  return {
    id: "streaming",
    title: `6. Agent streaming: ${streams} replies at ${tokensPerSecond} tokens/s, ${viewers} viewers each`,
    tables: [
      {
        title: `streaming: ${tokens} tokens per reply, one update per token`,
        columns: [
          "server",
          "tokens/s total",
          "delivered %",
          "p50 ms",
          "p99 ms",
          "p99 vs hp-memory",
          "server CPU %",
          "CPU ms/token",
          "loop p99 ms",
          "generator CPU %",
          "duplicates",
          "others CPU %",
        ],
        rows: kinds
          .filter((kind) => first(kind) !== undefined)
          .map((kind) => {
            const m = first(kind) as Measured;
            return [
              kind,
              streams * tokensPerSecond,
              format(deliveredPercent(m.load), 1),
              format(m.load.p50Ms, 1),
              format(m.load.p99Ms, 1),
              ratio(m.load.p99Ms, memory?.load.p99Ms ?? null),
              format(m.serverCpuPercent),
              format(m.serverCpuMs === null ? null : m.serverCpuMs / Math.max(1, m.load.sent), 3),
              format(m.loop?.p99Ms ?? null, 1),
              format(m.load.generatorCpuPercent),
              m.load.duplicates,
              format(m.othersCpuPercent),
            ];
          }),
      },
    ],
    notes: [
      "The agent writes through @openvibe/schema's startAgentReply/appendToReply under its own identity. On OpenVibe that is the real path: a member's message mentions the agent, the server queues a task, the benchmark claims it with the bridge key, and the agent's API key streams the reply under that task (the write guard checks it).",
    ],
    charts: [],
    data: { streams, viewers, tokens, tokensPerSecond, runs: Object.fromEntries(runs) },
  };
}
