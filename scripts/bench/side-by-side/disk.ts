// Before a server starts, the disk writes back what earlier work left in the page cache (the
// seeding of a large channel, an earlier scenario's files): a durable commit's fsync otherwise
// queues behind that writeback, and the measurement reads the previous work's disk. Seen in a
// full run: agent streaming's p99 was 42 ms after the persistence and cold-open scenarios, 11 ms
// when run alone.
import { spawnSync } from "node:child_process";
import { progress } from "../lib/cli.ts";

/** Flushes every file system's dirty pages (sync(1)); says so when that takes a while. */
export function settleDisk(): void {
  const started = Date.now();
  const result = spawnSync("sync", { stdio: "ignore" });
  if (result.error !== undefined) throw new Error(`sync failed: ${result.error.message}`);
  const seconds = (Date.now() - started) / 1000;
  if (seconds >= 1) progress(`    the disk took ${seconds.toFixed(1)} s to write back`);
}
