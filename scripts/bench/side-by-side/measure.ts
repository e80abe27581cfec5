// One measured load: the server's CPU time, bytes written, memory and event-loop delay around
// what the load generator reports.
import { setTimeout as delay } from "node:timers/promises";
import { clockMs } from "./clock.ts";
import { type CommitTimes, commitTimesBetween } from "./commit-times.ts";
import type { Session } from "./context.ts";
import type { LoadGenerator } from "./load.ts";
import type { LoadArgs, LoadResult } from "./load-worker.ts";
import { difference, machineBusyMs } from "./proc-stats.ts";
import type { LoopDelay } from "./servers.ts";

export interface Measured {
  load: LoadResult;
  /** Server CPU time during the load, ms (null without /proc). */
  serverCpuMs: number | null;
  /** Server CPU use during the load, % of its core. */
  serverCpuPercent: number | null;
  /** Of that, the server's main thread (its event loop), % of its core. */
  eventLoopCpuPercent: number | null;
  serverRssMb: number | null;
  wchar: number | null;
  writeBytes: number | null;
  loop: LoopDelay | null;
  wallMs: number;
  /** OpenVibe's group commits during the load (null: a stock server). */
  commits: CommitTimes | null;
  /**
   * CPU used meanwhile by everything else on the machine (not this server, not the load
   * generator), % of one core: the noise other work added to this point.
   */
  othersCpuPercent: number | null;
}

/**
 * Runs one load and reads the server around it. `settleMs`: how long to keep reading after the
 * load, so that work a server defers (a debounced store) is counted with the load that caused it.
 */
export function measureLoad(session: Session, args: LoadArgs, settleMs = 0): Promise<Measured> {
  return measureAround(session, () => session.load.call("load", args), settleMs);
}

/** How long after the call a split load's schedule starts: both generators have its start. */
const SPLIT_START_MS = 200;

/**
 * Runs one paced load with the writers in their own load generator (`writers`) and the
 * receivers in the session's, and reads the server around it. On one generator, a writer's timer
 * waits while the generator reads a burst of frames from a thousand sockets, and a late writer
 * sends in bursts that the server then merges: the load was shaped by the generator, not by the
 * rate asked for. Latency is counted from when each message was due (LoadArgs.startAt).
 */
export function measureSplitLoad(
  session: Session,
  writers: LoadGenerator,
  args: LoadArgs & { ratePerWriter: number },
): Promise<Measured> {
  return measureAround(session, async () => {
    const tracks = await writers.call("prepareTracks", { countPerWriter: args.countPerWriter });
    await session.load.call("adoptTracks", { tracks });
    const split = { ...args, startAt: clockMs() + SPLIT_START_MS };
    const [received, sent] = await Promise.all([
      session.load.call("load", split),
      writers.call("load", split),
    ]);
    return {
      ...received,
      sent: sent.sent,
      acked: sent.acked,
      sendLagP99Ms: sent.sendLagP99Ms,
      // Both generators share the load core.
      generatorCpuPercent: received.generatorCpuPercent + sent.generatorCpuPercent,
    };
  });
}

async function measureAround(
  session: Session,
  run: () => Promise<LoadResult>,
  settleMs = 0,
): Promise<Measured> {
  const { server } = session;
  await server.report(); // starts a fresh histogram
  const commitsBefore = await server.commitHistogram();
  const before = server.sample();
  const machineBefore = machineBusyMs();
  const started = performance.now();
  const result = await run();
  if (settleMs > 0) await delay(settleMs);
  const wallMs = performance.now() - started;
  const after = server.sample();
  const machineAfter = machineBusyMs();
  const loop = await server.report();
  const commitsAfter = await server.commitHistogram();
  const delta = difference(before, after);
  const generatorMs = (result.generatorCpuPercent / 100) * wallMs;
  const othersCpuPercent =
    machineBefore === null || machineAfter === null || delta === null
      ? null
      : Math.max(
          0,
          Math.round(((machineAfter - machineBefore - delta.cpuMs - generatorMs) / wallMs) * 100),
        );
  return {
    load: result,
    serverCpuMs: delta?.cpuMs ?? null,
    serverCpuPercent: delta === null ? null : Math.round((delta.cpuMs / wallMs) * 100),
    eventLoopCpuPercent: delta === null ? null : Math.round((delta.eventLoopCpuMs / wallMs) * 100),
    serverRssMb: delta?.rssMb ?? null,
    wchar: delta?.wchar ?? null,
    writeBytes: delta?.writeBytes ?? null,
    loop,
    wallMs,
    othersCpuPercent,
    commits:
      commitsBefore === null || commitsAfter === null
        ? null
        : commitTimesBetween(commitsBefore, commitsAfter),
  };
}

/** Delivered share in percent, rounded down to 0.1 so that 99.96 never shows as 100. */
export function deliveredPercent(load: LoadResult): number {
  if (load.expected === 0) return 100;
  return Math.floor((load.delivered / load.expected) * 1000) / 10;
}
