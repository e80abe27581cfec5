// The thread throttle on a real process and the machine's cgroup hierarchy: a throttled thread
// that starts another thread leaves it in the throttle's cgroup, and releasing must still put
// every thread back and remove the group (it failed with EBUSY in a full-suite run).
import { spawn } from "node:child_process";
import { once } from "node:events";
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { threadThrottleAvailable, throttleThreads } from "./thread-throttle.ts";

const TAG = `thread-throttle-test-${process.pid}`;

// A process whose main thread, once told on stdin, starts a worker thread and says so.
const CHILD = `
const { Worker } = require("node:worker_threads");
process.stdin.once("data", () => {
  const worker = new Worker("setInterval(() => {}, 1000)", { eval: true });
  worker.once("online", () => process.stdout.write("started\\n"));
});
process.stdout.write("ready\\n");
setInterval(() => {}, 1000);
`;

describe("thread throttle", () => {
  it("puts back and removes its group even when a throttled thread started another", async () => {
    // Without a writable cgroup v1 cpu hierarchy the benchmark runs unthrottled; so does this.
    if (!threadThrottleAvailable()) return;
    const child = spawn(process.execPath, ["-e", CHILD, TAG], {
      stdio: ["pipe", "pipe", "inherit"],
    });
    try {
      const [ready] = await once(child.stdout, "data");
      expect(String(ready)).toContain("ready");
      const throttle = throttleThreads(TAG, "MainThread", 2);
      expect(throttle.threads).toBeGreaterThan(0);
      child.stdin.write("go\n");
      const [started] = await once(child.stdout, "data");
      expect(String(started)).toContain("started");
      const groups = () =>
        readdirSync("/sys/fs/cgroup/cpu").filter((name) =>
          name.startsWith(`openvibe-bench-${process.pid}-`),
        );
      expect(groups()).toHaveLength(1);
      throttle.release();
      expect(groups()).toHaveLength(0);
    } finally {
      child.kill();
    }
  });
});
