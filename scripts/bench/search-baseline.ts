// Today's browser index, for the browser half of the search benchmark to run beside the worker:
// the main-thread MiniSearch segments as they were before the index moved into a worker (#20),
// with their own benchmark page, read out of git into client/.bench/ (ignored), so that module
// resolution finds the client's dependencies.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

/** The last commit with the index on the page's main thread. */
export const BASELINE_COMMIT = "1078a97";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** The baseline's benchmark page (client/src/search/bench/page.ts then), relative to the root. */
export function baselineBenchPage(): string {
  const directory = join(ROOT, "client/.bench/search-baseline", BASELINE_COMMIT);
  const page = join(directory, "client/src/search/bench/page.ts");
  if (!existsSync(page)) {
    mkdirSync(directory, { recursive: true });
    const archive = execFileSync("git", ["archive", BASELINE_COMMIT, "client/src/search"], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
    });
    // Without its tests: the test runner would find them under client/.
    execFileSync("tar", ["-x", "-C", directory, "--exclude=*.test.ts"], { input: archive });
  }
  return relative(ROOT, page);
}

/**
 * The index worker as of `commit` (its worker and benchmark page, relative to the root), read
 * out of git beside today's baseline, for a change to the worker to run beside it.
 */
export function workerBaseline(commit: string): { page: string; worker: string } {
  const directory = join(ROOT, "client/.bench/search-worker", commit);
  const search = join(directory, "client/src/search");
  if (!existsSync(join(search, "bench/worker-page.ts"))) {
    mkdirSync(directory, { recursive: true });
    const archive = execFileSync(
      "git",
      ["archive", commit, "client/src/search", "client/src/state"],
      {
        cwd: ROOT,
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    execFileSync("tar", ["-x", "-C", directory, "--exclude=*.test.ts"], { input: archive });
  }
  return {
    page: relative(ROOT, join(search, "bench/worker-page.ts")),
    worker: relative(ROOT, join(search, "worker/index-worker.ts")),
  };
}
