// A tmpfs of a given size mounted for one test (the suite runs as root, as CI does): a disk that
// fills up, or a fast place for a disk image whose fsyncs cost nothing.
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect, onTestFinished } from "vitest";
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

/** Fills the disk holding `dir` with a file in it until the disk is full; returns the file. */
export function fillUp(dir: string): string {
  const file = join(dir, "filler");
  const chunk = Buffer.alloc(256 * 1024, 1);
  let written = 0;
  try {
    for (;;) {
      writeFileSync(file, chunk, { flag: "a" });
      written += chunk.length;
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ENOSPC") throw error;
  }
  expect(written).toBeGreaterThan(0);
  return file;
}
