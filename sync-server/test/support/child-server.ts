// The real server as a child process (`node sync-server/src/main.ts`), for
// tests that must kill it the hard way. Teardown is registered at creation.
import { type LoggingChild, spawnLoggingChild } from "./logging-child.ts";

const MAIN = new URL("../../src/main.ts", import.meta.url).pathname;

export interface ChildServer extends Omit<LoggingChild, "stderr"> {
  websocketUrl: string;
}

/** A deadline for a hung start: on a loaded two-core machine (load 24) a start took over 15 s. */
const START_DEADLINE_MS = 60_000;

export async function spawnServer(
  env: Record<string, string>,
  timeoutMs = START_DEADLINE_MS,
): Promise<ChildServer> {
  const child = spawnLoggingChild(MAIN, { PORT: "0", OPENVIBE_LOG_LEVEL: "info", ...env });
  const listening = await child.entry(
    "the server to listen",
    (e) => e.msg === "server listening" && typeof e.port === "number",
    timeoutMs,
  );
  return {
    process: child.process,
    websocketUrl: `ws://127.0.0.1:${String(listening.port)}`,
    entry: child.entry,
    logged: child.logged,
    output: child.output,
    entries: child.entries,
    kill: child.kill,
    terminate: child.terminate,
  };
}
