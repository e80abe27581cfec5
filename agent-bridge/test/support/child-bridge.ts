// The real bridge as a child process (`node agent-bridge/src/main.ts`), for
// tests that kill it the hard way or check its startup from the environment.
// Teardown is registered at creation.
import { type ChildProcess, spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import { createInterface } from "node:readline";
import { onTestFinished } from "vitest";
import { onEvent, waitFor } from "../../../sync-server/test/support/wait-for.ts";

const MAIN = new URL("../../src/main.ts", import.meta.url).pathname;

export interface ChildBridge {
  process: ChildProcess;
  /** Resolves when the bridge logs a line whose `msg` is `message` (or already has). */
  logged(message: string, timeoutMs?: number): Promise<void>;
  /** Sends SIGKILL and resolves when the process is gone. */
  kill(): Promise<void>;
}

export function spawnBridge(env: Record<string, string>): ChildBridge {
  const child = spawn(process.execPath, [MAIN], {
    // No inherited model key: each test says whether a model is configured.
    env: { ...process.env, ANTHROPIC_API_KEY: "", OPENVIBE_LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  };
  onTestFinished(kill);
  const messages: string[] = [];
  const lines = new EventEmitter();
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
    if (!line.startsWith("{")) return;
    const entry = JSON.parse(line) as { msg?: string };
    if (entry.msg === undefined) return;
    messages.push(entry.msg);
    lines.emit("line");
  });
  return {
    process: child,
    logged: (message, timeoutMs = 10_000) =>
      waitFor(
        `the bridge to log "${message}"`,
        () => messages.includes(message),
        onEvent(lines, "line"),
        timeoutMs,
      ),
    kill,
  };
}
