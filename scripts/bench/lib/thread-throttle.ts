// Slows chosen threads of a browser to 1/rate of a core through a Linux cgroup (v1 cpu
// controller: CFS quota), for what Chromium's own throttling cannot reach. CDP's
// Emulation.setCPUThrottlingRate slows a page's main thread only: it answers "Operation is only
// supported for pages, not workers" for a dedicated worker, whose thread runs at full speed
// meanwhile. Here each matching thread of the browser's processes moves into a cgroup allowed
// 1 ms of CPU (the kernel's smallest quota) in every `rate` ms (short periods keep each stall
// short, as a slower CPU would), and back to where it was on release. Needs a writable cgroup v1 cpu hierarchy
// (root in most containers); `available()` says whether there is one.
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  writeFileSync,
} from "node:fs";
import { join } from "node:path";

const CPU_HIERARCHY = "/sys/fs/cgroup/cpu";
/** The kernel's smallest CFS quota. */
const QUOTA_US = 1_000;

function read(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return "";
  }
}

/** Tries, RELEASE_PAUSE_MS apart, to empty and remove a group on release. */
const RELEASE_ATTEMPTS = 50;
const RELEASE_PAUSE_MS = 20;

/** The thread ids a cgroup holds now. */
function tasksIn(group: string): string[] {
  return read(join(group, "tasks"))
    .split("\n")
    .filter((tid) => tid !== "");
}

/** Whether threads can be throttled here. */
export function threadThrottleAvailable(): boolean {
  if (!existsSync(join(CPU_HIERARCHY, "cpu.cfs_quota_us"))) return false;
  const probe = join(CPU_HIERARCHY, `openvibe-bench-probe-${process.pid}`);
  try {
    mkdirSync(probe);
    rmdirSync(probe);
    return true;
  } catch {
    return false;
  }
}

/** The process whose command line holds `tag`, and every process below it. */
export function processTree(tag: string): string[] {
  const pids = readdirSync("/proc").filter((entry) => /^\d+$/.test(entry));
  const parentOf = new Map(
    pids.map((pid) => [pid, read(`/proc/${pid}/stat`).split(") ")[1]?.split(" ")[1]]),
  );
  const root = pids.find((pid) => read(`/proc/${pid}/cmdline`).split("\0").includes(tag));
  if (root === undefined) return [];
  const below = (pid: string): string[] =>
    pids
      .filter((child) => parentOf.get(child) === pid)
      .flatMap((child) => [child, ...below(child)]);
  return [root, ...below(root)];
}

/** The threads of `pids` whose name starts with `namePrefix`, as `pid/tid`. */
function threadsNamed(pids: readonly string[], namePrefix: string): string[] {
  return pids.flatMap((pid) =>
    readdirSync(`/proc/${pid}/task`)
      .filter((tid) => read(`/proc/${pid}/task/${tid}/comm`).startsWith(namePrefix))
      .map((tid) => `${pid}/${tid}`),
  );
}

/** The cpu cgroup a thread is in, as a directory of the hierarchy. */
function cpuGroupOf(thread: string): string {
  const line = read(`/proc/${thread.replace("/", "/task/")}/cgroup`)
    .split("\n")
    .find((entry) => entry.split(":")[1]?.split(",").includes("cpu"));
  return join(CPU_HIERARCHY, line?.split(":")[2] ?? "/");
}

/**
 * Throttles the threads named `namePrefix` in the process tree of `tag` to 1/`rate` of a core;
 * returns how many it throttled and a release that puts them back.
 */
export function throttleThreads(
  tag: string,
  namePrefix: string,
  rate: number,
): { threads: number; release: () => void } {
  const threads = threadsNamed(processTree(tag), namePrefix);
  const group = join(CPU_HIERARCHY, `openvibe-bench-${process.pid}-${Date.now()}`);
  const origins = threads.map((thread) => ({
    tid: thread.split("/")[1],
    from: cpuGroupOf(thread),
  }));
  const originOf = new Map(origins.map(({ tid, from }) => [tid, from]));
  const release = () => {
    for (let attempt = 1; ; attempt++) {
      // What the group holds now: the throttled threads, and any thread one of them started
      // meanwhile (a new thread starts in its creator's cgroup), which goes where its creator
      // came from. A thread that ended meanwhile, or never moved, is not in the group.
      for (const tid of tasksIn(group)) {
        try {
          writeFileSync(join(originOf.get(tid) ?? origins[0]?.from ?? CPU_HIERARCHY, "tasks"), tid);
        } catch {}
      }
      try {
        rmdirSync(group);
        return;
      } catch (error) {
        // EBUSY: a thread still counted in the group (one that was ending, or just started).
        const busy = (error as { code?: unknown }).code === "EBUSY";
        if (!busy || attempt === RELEASE_ATTEMPTS) {
          throw new Error(
            `could not remove the cgroup ${group} (${tasksIn(group).length} threads still in it)`,
            { cause: error },
          );
        }
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, RELEASE_PAUSE_MS);
      }
    }
  };
  mkdirSync(group);
  try {
    writeFileSync(join(group, "cpu.cfs_period_us"), String(Math.round(QUOTA_US * rate)));
    writeFileSync(join(group, "cpu.cfs_quota_us"), String(QUOTA_US));
    for (const { tid } of origins) if (tid !== undefined) writeFileSync(join(group, "tasks"), tid);
  } catch (error) {
    release();
    throw error;
  }
  return { threads: threads.length, release };
}
