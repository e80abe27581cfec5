// The real bridge as a child process (`node agent-bridge/src/main.ts`), for
// tests that kill it the hard way or check its startup from the environment.
// Teardown is registered at creation.
import {
  type LoggingChild,
  spawnLoggingChild,
} from "../../../sync-server/test/support/logging-child.ts";

const MAIN = new URL("../../src/main.ts", import.meta.url).pathname;

export type ChildBridge = Pick<LoggingChild, "process" | "logged" | "kill" | "output">;

export function spawnBridge(env: Record<string, string>): ChildBridge {
  // No inherited model key: each test says whether a model is configured.
  return spawnLoggingChild(MAIN, { ANTHROPIC_API_KEY: "", OPENVIBE_LOG_LEVEL: "info", ...env });
}
