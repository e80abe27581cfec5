// What the benchmark reads about a server process from /proc: CPU time, resident memory and
// bytes written. Linux only; elsewhere every reading is null and the tables say "n/a".
import { readFileSync } from "node:fs";

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

export interface ProcSample {
  /** User plus system CPU time, ms. */
  cpuMs: number;
  /**
   * The same for the main thread alone (Node's event loop; the rest is worker threads, V8's
   * helpers such as garbage collection, and libuv's pool), ms.
   */
  eventLoopCpuMs: number;
  /** Resident set, MB. */
  rssMb: number;
  /** Bytes passed to write() and friends (/proc/<pid>/io wchar). */
  wchar: number;
  /** Bytes the process caused to be sent to the storage layer (write_bytes). */
  writeBytes: number;
}

function read(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

/** User plus system CPU time, ms, of a /proc `stat` file (a process's or one thread's). */
function cpuMsOf(stat: string): number {
  // Fields after the command name (which may contain spaces) start at ") ".
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  return (ticks * 1000) / TICKS_PER_SECOND;
}

/** One reading of `pid`, or null when /proc is not there (or the process is gone). */
export function sampleProcess(pid: number): ProcSample | null {
  const stat = read(`/proc/${pid}/stat`);
  const status = read(`/proc/${pid}/status`);
  // The main thread's id is the process's.
  const mainThreadStat = read(`/proc/${pid}/task/${pid}/stat`);
  if (stat === null || status === null || mainThreadStat === null) return null;
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? "0");
  const io = read(`/proc/${pid}/io`) ?? "";
  return {
    cpuMs: cpuMsOf(stat),
    eventLoopCpuMs: cpuMsOf(mainThreadStat),
    rssMb: rssKb / 1024,
    wchar: Number(/wchar:\s+(\d+)/.exec(io)?.[1] ?? "0"),
    writeBytes: Number(/write_bytes:\s+(\d+)/.exec(io)?.[1] ?? "0"),
  };
}

/** CPU time and bytes written between two readings. */
export function difference(before: ProcSample | null, after: ProcSample | null) {
  if (before === null || after === null) return null;
  return {
    cpuMs: after.cpuMs - before.cpuMs,
    eventLoopCpuMs: after.eventLoopCpuMs - before.eventLoopCpuMs,
    wchar: after.wchar - before.wchar,
    writeBytes: after.writeBytes - before.writeBytes,
    rssMb: after.rssMb,
  };
}

/** CPU time spent by every process on the machine so far (all cores), ms; null without /proc. */
export function machineBusyMs(): number | null {
  const stat = read("/proc/stat");
  const line = stat?.split("\n")[0];
  if (line === undefined || !line.startsWith("cpu ")) return null;
  const [user, nice, system, , , irq, softirq, steal] = line
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const ticks = [user, nice, system, irq, softirq, steal].reduce<number>(
    (sum, n) => sum + (n ?? 0),
    0,
  );
  return (ticks * 1000) / TICKS_PER_SECOND;
}
