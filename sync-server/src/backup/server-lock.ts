// The running server's mark in its data directory: a file holding its process id, written at
// start and removed on a clean stop, so `ovb restore` can refuse to replace a live database. A
// mark left by a server that was killed names a process that no longer runs, and is ignored by
// `ovb restore`; the next server reads it as a stop that was not clean.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const SERVER_PID_FILE = "server.pid";

/** Whether the last server on `dataDir` left its mark: it was killed, or its host stopped. */
export function stoppedUncleanly(dataDir: string): boolean {
  return existsSync(join(dataDir, SERVER_PID_FILE));
}

export function markServerRunning(dataDir: string): () => void {
  const file = join(dataDir, SERVER_PID_FILE);
  writeFileSync(file, `${process.pid}\n`);
  return () => rmSync(file, { force: true });
}

/** The process id of a server running on `dataDir`, or null. */
export function runningServer(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dataDir, SERVER_PID_FILE), "utf8").trim());
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}
