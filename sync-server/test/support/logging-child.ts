// A Node program run as a child process whose JSON log lines (pino) tests
// can wait on; killed with SIGKILL when the test finishes.
import { type ChildProcess, spawn } from "node:child_process";
import { EventEmitter } from "node:events";
import { createInterface } from "node:readline";
import { onTestFinished } from "vitest";
import { withDeadline } from "./deadline.ts";
import { onEvent, waitFor } from "./wait-for.ts";

export interface LogEntry {
  msg?: string;
  [field: string]: unknown;
}

export interface LoggingChild {
  process: ChildProcess;
  /** Resolves with the first log entry that satisfies `match` (already logged or to come). */
  entry(what: string, match: (entry: LogEntry) => boolean, timeoutMs?: number): Promise<LogEntry>;
  /** Resolves when the program logs a line whose `msg` is `message` (or already has). */
  logged(message: string, timeoutMs?: number): Promise<void>;
  /** What the program wrote to stderr so far. */
  stderr(): string;
  /** Everything the program wrote so far, stdout then stderr. */
  output(): string;
  /** Every log entry so far. */
  entries(): readonly LogEntry[];
  /** Sends SIGKILL and resolves when the process is gone. */
  kill(): Promise<void>;
  /** Sends SIGTERM (a service manager's stop) and resolves with the exit code once it is gone. */
  terminate(timeoutMs?: number): Promise<number | null>;
}

export function spawnLoggingChild(main: string, env: Record<string, string>): LoggingChild {
  const child = spawn(process.execPath, [main], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  };
  onTestFinished(kill);

  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const entries: LogEntry[] = [];
  const lines = new EventEmitter();
  let stdout = "";
  createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
    stdout += `${line}\n`;
    if (!line.startsWith("{")) return;
    entries.push(JSON.parse(line) as LogEntry);
    lines.emit("line");
  });
  // An exit wakes the waiters, so they fail with the program's stderr instead of a bare timeout.
  child.once("exit", () => lines.emit("line"));

  const entry = async (what: string, match: (entry: LogEntry) => boolean, timeoutMs = 30_000) => {
    let found: LogEntry | undefined;
    await waitFor(
      what,
      () => {
        found = entries.find(match);
        if (found === undefined && child.exitCode !== null) {
          throw new Error(`the program exited with ${child.exitCode} before ${what}: ${stderr}`);
        }
        return found !== undefined;
      },
      onEvent(lines, "line"),
      timeoutMs,
    );
    return found as LogEntry;
  };
  return {
    process: child,
    entry,
    logged: async (message, timeoutMs) => {
      await entry(`the log line "${message}"`, (e) => e.msg === message, timeoutMs);
    },
    terminate: (timeoutMs) => {
      child.kill("SIGTERM");
      return withDeadline(exited, "the program to exit after SIGTERM", timeoutMs);
    },
    stderr: () => stderr,
    output: () => stdout + stderr,
    entries: () => entries,
    kill,
  };
}
