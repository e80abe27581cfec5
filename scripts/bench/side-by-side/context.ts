// What every scenario gets: the run's sizes, a scratch directory, progress, and the helpers
// that start a server with its load generator and put them away again.
import { mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { progress } from "../lib/cli.ts";
import { LoadGenerator } from "./load.ts";
import type { ConnectionArgs } from "./load-worker.ts";
import { type RunningServer, type ServerKind, startServer } from "./servers.ts";
import type { Sizes } from "./sizes.ts";

export interface RunContext {
  sizes: Sizes;
  servers: readonly ServerKind[];
  scratch: string;
  /** Servers that failed a run of the current scenario (the run goes on without them). */
  failures: string[];
}

/** Runs `work` for one server; on failure notes it and gives null, so the others still run. */
export async function attempt<T>(
  context: RunContext,
  kind: ServerKind,
  work: () => Promise<T>,
): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    progress(`  ${kind} failed: ${message}`);
    context.failures.push(`${kind} failed: ${message.split("\n")[0]}`);
    return null;
  }
}

export interface Session {
  server: RunningServer;
  load: LoadGenerator;
  dataDir: string;
}

/** The servers of `wanted` that this run includes, in the run's order. */
export function serversFor(context: RunContext, wanted: readonly ServerKind[]): ServerKind[] {
  return context.servers.filter((kind) => wanted.includes(kind));
}

/**
 * Runs `work` once per repeat and server, the servers' order rotating from one repeat to the
 * next so the machine's noise falls on all of them alike.
 */
export async function interleaved<T>(
  context: RunContext,
  kinds: readonly ServerKind[],
  repeats: number,
  work: (kind: ServerKind, repeat: number) => Promise<T>,
): Promise<Map<ServerKind, T[]>> {
  const results = new Map<ServerKind, T[]>(kinds.map((kind) => [kind, []]));
  for (let repeat = 0; repeat < repeats; repeat++) {
    const order = kinds.map((_, i) => kinds[(i + repeat) % kinds.length] as ServerKind);
    for (const kind of order) {
      if (repeats > 1) progress(`  ${kind} (repeat ${repeat + 1} of ${repeats})`);
      else progress(`  ${kind}`);
      const result = await attempt(context, kind, () => work(kind, repeat));
      if (result !== null) results.get(kind)?.push(result);
    }
  }
  return results;
}

/** A fresh data directory for one server. */
export function freshDataDir(context: RunContext, kind: ServerKind): string {
  return mkdtempSync(join(context.scratch, `${kind}-`));
}

/** What the load generator needs to know of a server to talk to it. */
export function connectionTo(server: RunningServer): ConnectionArgs {
  return { url: server.url, protocol: server.spec.protocol, openvibe: server.spec.openvibe };
}

/** Starts `kind` on a fresh data directory with a load generator, runs `work`, cleans up. */
export async function withServer<T>(
  context: RunContext,
  kind: ServerKind,
  work: (session: Session) => Promise<T>,
  dataDir: string = freshDataDir(context, kind),
): Promise<T> {
  const server = await startServer(kind, dataDir);
  try {
    return await withLoadGenerator(server, (load) => work({ server, load, dataDir }));
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Runs `work` with a load generator (pinned to the load core) connected to `server`. */
export async function withLoadGenerator<T>(
  server: RunningServer,
  work: (load: LoadGenerator) => Promise<T>,
): Promise<T> {
  const load = LoadGenerator.start();
  try {
    await load.call("connect", connectionTo(server));
    return await work(load);
  } finally {
    await load.stop();
  }
}

/** The median of some numbers (null when there are none). */
export function median(values: readonly (number | null | undefined)[]): number | null {
  const numbers = values.filter((v): v is number => typeof v === "number" && Number.isFinite(v));
  if (numbers.length === 0) return null;
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
