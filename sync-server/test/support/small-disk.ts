// A tmpfs of a given size mounted for one test (the suite runs as root, as CI does): a disk that
// fills up, or a fast place for a disk image whose fsyncs cost nothing.
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { onTestFinished } from "vitest";
import { temporaryDataDir } from "./test-server.ts";

/** A tmpfs of `megabytes` mounted for this test; returns where. */
export function smallDisk(megabytes: number): string {
  const dir = join(temporaryDataDir(), "disk");
  mkdirSync(dir);
  execFileSync("mount", ["-t", "tmpfs", "-o", `size=${megabytes}m`, "tmpfs", dir]);
  onTestFinished(() => {
    execFileSync("umount", ["-l", dir]);
  });
  return dir;
}
