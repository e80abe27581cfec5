// One measured load: the server's CPU time, bytes written, memory and event-loop delay around
// what the load generator reports.
import { setTimeout as delay } from "node:timers/promises";
import { type CommitTimes, commitTimesBetween } from "./commit-times.ts";
import type { Session } from "./context.ts";
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
export async function measureLoad(
  session: Session,
  args: LoadArgs,
  settleMs = 0,
): Promise<Measured> {
  const { server, load } = session;
  await server.report(); // starts a fresh histogram
  const commitsBefore = await server.commitHistogram();
  const before = server.sample();
  const machineBefore = machineBusyMs();
  const started = performance.now();
  const result = await load.call("load", args);
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
