// The real server as a child process (`node sync-server/src/main.ts`), for
// tests that must kill it the hard way. Teardown is registered at creation.
import { type ChildProcess, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { onTestFinished } from "vitest";
import { waitFor } from "./wait-for.ts";

const MAIN = new URL("../../src/main.ts", import.meta.url).pathname;

export interface ChildServer {
  process: ChildProcess;
  websocketUrl: string;
  /** Resolves when the server logs a line whose `msg` is `message` (or already has). */
  logged(message: string): Promise<void>;
  /** Sends SIGKILL and resolves when the process is gone. */
  kill(): Promise<void>;
}

export async function spawnServer(
  env: Record<string, string>,
  timeoutMs = 15_000,
): Promise<ChildServer> {
  const child = spawn(process.execPath, [MAIN], {
    env: { ...process.env, PORT: "0", OPENVIBE_LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await exited;
  };
  onTestFinished(kill);

  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const logMessages: string[] = [];
  const logLines = new EventTarget();
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not listen within ${timeoutMs} ms: ${stderr}`)),
      timeoutMs,
    );
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening: ${stderr}`));
    });
    const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
    lines.on("line", (line) => {
      if (!line.startsWith("{")) return;
      const entry = JSON.parse(line) as { msg?: string; port?: number };
      if (entry.msg !== undefined) {
        logMessages.push(entry.msg);
        logLines.dispatchEvent(new Event("line"));
      }
      if (entry.msg === "server listening" && entry.port !== undefined) {
        clearTimeout(timer);
        resolve(entry.port);
      }
    });
  });
  const logged = (message: string) =>
    waitFor(
      `the server to log "${message}"`,
      () => logMessages.includes(message),
      (cb) => {
        logLines.addEventListener("line", cb);
        return () => logLines.removeEventListener("line", cb);
      },
      30_000,
    );
  return { process: child, websocketUrl: `ws://127.0.0.1:${port}`, logged, kill };
}
