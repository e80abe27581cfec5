// The operators' command line (`ovb`) run as a child process, as an admin
// runs it next to a live server, and the services opened on a data
// directory's database from the test's side (another access-change origin
// than any server running on it).
import { spawn } from "node:child_process";
import { PassThrough, Readable } from "node:stream";
import { expect, onTestFinished } from "vitest";
import { COMMANDS } from "../../src/cli/commands/index.ts";
import { runProgram } from "../../src/cli/run.ts";
import { type AppContext, createAppContext } from "../../src/context.ts";
import { openDatabase } from "../../src/db/open-database.ts";

const MAIN = new URL("../../src/cli/main.ts", import.meta.url).pathname;

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `ovb args...` on `dataDir`, writing `stdin` (if any) and closing it. */
export function ovb(dataDir: string, args: string[], stdin = ""): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], {
      env: { ...process.env, OPENVIBE_DATA_DIR: dataDir },
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("error", reject);
    child.once("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/**
 * `ovb argv...` run in this process, as the child process would (same dispatcher, exit code,
 * stdout and stderr), for command lines refused or answered before any real work: a child costs
 * about a second of CPU to start.
 */
export async function ovbInProcess(
  dataDir: string,
  argv: string[],
  stdin = "",
  env: NodeJS.ProcessEnv = {},
): Promise<Run> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = (stream: PassThrough) => stream.setEncoding("utf8").read() ?? "";
  const code = await runProgram(COMMANDS, argv, {
    // Not a terminal (no isTTY), as a child's piped stdin; the CLI reads it as a stream.
    stdin: Readable.from([stdin]) as unknown as NodeJS.ReadStream,
    stdout,
    stderr,
    env: { OPENVIBE_DATA_DIR: dataDir, ...env },
  });
  return { code, stdout: text(stdout), stderr: text(stderr) };
}

/** Runs a command expected to succeed with --json and returns its parsed output. */
export async function ovbJson<T>(dataDir: string, args: string[], stdin = ""): Promise<T> {
  const run = await ovb(dataDir, [...args, "--json"], stdin);
  expect(run, run.stderr).toMatchObject({ code: 0 });
  return JSON.parse(run.stdout) as T;
}

/** The services on the data directory's database, closed when the test ends. */
export function services(dataDir: string): AppContext {
  const db = openDatabase(dataDir, { synchronous: "normal" });
  onTestFinished(() => {
    db.$client.close();
  });
  return createAppContext(db);
}
