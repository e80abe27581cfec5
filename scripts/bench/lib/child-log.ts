// Waiting for a child process (the server, the agent bridge) to log a line of its JSON log: what
// the benchmarks start, they wait on by what it says, with a deadline.
import type { ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

const START_TIMEOUT_MS = 60_000;

/**
 * Resolves with `pick`'s first defined answer for an entry of `child`'s JSON log on stdout;
 * rejects (killing the child) after a minute, or when the child exits first. `what` names the
 * awaited moment in the error ("the server did not listen"), `stderr` gives what it printed.
 */
export function waitForLogEntry<T>(
  child: ChildProcess,
  what: { name: string; event: string },
  stderr: () => string,
  pick: (entry: Record<string, unknown>) => T | undefined,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(
        new Error(`${what.name} did not ${what.event} within ${START_TIMEOUT_MS} ms: ${stderr()}`),
      );
    }, START_TIMEOUT_MS);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${what.name} exited with ${code} before ${what.event}: ${stderr()}`));
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      if (!line.startsWith("{")) return;
      const picked = pick(JSON.parse(line) as Record<string, unknown>);
      if (picked === undefined) return;
      clearTimeout(timer);
      resolve(picked);
    });
  });
}
