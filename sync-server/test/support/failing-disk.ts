// A small ext4 file system on a loop device, mounted for one test (the suite runs as root, as CI
// does), that the kernel can be told is damaged. It then does what it does after a real disk
// error with `errors=remount-ro`: the file system turns read-only at once, and every write,
// through files already open too, fails with EROFS. (`mount -o remount,ro` cannot do this: Linux
// refuses it, "mount point is busy", while a process holds a file there open for writing, as the
// server holds its database.) The kernel keeps it read-only until it is unmounted, so `repair`
// needs every file there closed: it checks the file system and mounts it again.
import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import { onTestFinished } from "vitest";
import { smallDisk } from "./small-disk.ts";
import { temporaryDataDir } from "./test-server.ts";

export interface FailingDisk {
  /** Where the file system is mounted. */
  dir: string;
  /** The kernel records an error on the file system and remounts it read-only. */
  turnReadOnly(): void;
  /** Unmounts, checks (repairing what it finds) and mounts the file system again, writable. */
  repair(): void;
}

export function failingDisk(megabytes: number): FailingDisk {
  // The image lives in memory: the server's fsyncs through the loop device cost nothing there.
  const image = join(smallDisk(megabytes + 8), "disk.img");
  const dir = join(temporaryDataDir(), "mounted");
  mkdirSync(dir);
  execFileSync("truncate", ["-s", `${megabytes}M`, image]);
  execFileSync("mkfs.ext4", ["-q", "-F", "-O", "^has_journal", image]);
  // `-o loop` detaches the loop device when the file system is unmounted.
  const mount = () => execFileSync("mount", ["-o", "loop,errors=remount-ro", image, dir]);
  mount();
  onTestFinished(() => {
    spawnSync("umount", ["-l", dir]);
  });
  return {
    dir,
    turnReadOnly() {
      const device = execFileSync("findmnt", ["-n", "-o", "SOURCE", dir]).toString().trim();
      writeFileSync(`/sys/fs/ext4/${basename(device)}/trigger_fs_error`, "test: disk error");
    },
    repair() {
      execFileSync("umount", [dir]);
      // 0: nothing to do; 1: errors corrected. Anything else is a failure.
      const check = spawnSync("e2fsck", ["-f", "-y", image]);
      if (check.status !== 0 && check.status !== 1) {
        throw new Error(`e2fsck exited with ${String(check.status)}: ${check.stdout.toString()}`);
      }
      mount();
    },
  };
}
