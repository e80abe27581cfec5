// The real server as a child process (`node sync-server/src/main.ts`), for
// tests that must kill it the hard way. Teardown is registered at creation.
import { type LoggingChild, spawnLoggingChild } from "./logging-child.ts";

const MAIN = new URL("../../src/main.ts", import.meta.url).pathname;

export interface ChildServer extends Omit<LoggingChild, "stderr"> {
  websocketUrl: string;
}

export async function spawnServer(
  env: Record<string, string>,
  timeoutMs = 15_000,
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
