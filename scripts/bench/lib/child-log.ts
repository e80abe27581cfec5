// Waiting for a child process (the server, the agent bridge) to log a line of its JSON log: what
// the benchmarks start, they wait on by what it says, with a deadline.
import type { ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";

const START_TIMEOUT_MS = 60_000;

/**
 * Resolves with `pick`'s first defined answer for an entry of `child`'s JSON log on stdout (lines
 * that are not JSON are skipped); rejects (killing the child) after `timeoutMs` (default a
 * minute), or when the child exits first. `what` names the awaited moment in the error ("the
 * server did not listen"), `stderr` gives what it printed.
 */
export function waitForLogEntry<T>(
  child: ChildProcess,
  what: { name: string; event: string },
  stderr: () => string,
  pick: (entry: Record<string, unknown>) => T | undefined,
  timeoutMs = START_TIMEOUT_MS,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`${what.name} did not ${what.event} within ${timeoutMs} ms: ${stderr()}`));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`${what.name} exited with ${code} before ${what.event}: ${stderr()}`));
    });
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).on("line", (line) => {
      if (!line.startsWith("{")) return;
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line) as Record<string, unknown>;
      } catch {
        return;
      }
      const picked = pick(entry);
      if (picked === undefined) return;
      clearTimeout(timer);
      resolve(picked);
    });
  });
}
