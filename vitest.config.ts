import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineConfig } from "vitest/config";

// Tests start hundreds of Node processes (servers, bridges, `ovb`, bench servers, vitest's own
// workers), each compiling the same modules afresh. Node's compile cache keeps their compiled
// code (type stripping included) on disk, in the directory `ovb` already uses: a server starts
// with about a fifth less CPU. Set before the workers are forked, so they and every process a
// test spawns inherit it; a directory given by the caller wins.
process.env.NODE_COMPILE_CACHE ??= join(tmpdir(), "node-compile-cache");

export default defineConfig({
  test: {
    include: ["{schema,sync-provider,sync-server,agent-bridge,client,scripts}/**/*.test.ts"],
    exclude: ["**/node_modules/**", "**/dist/**"],
    // Two files at a time on two cores (vitest's default leaves one core idle): most files spend
    // their time waiting on servers, sockets and Chromium, so the suite takes about 20% less.
    maxWorkers: 2,
    // Each worker runs file after file in one module graph (no fresh worker per file): the
    // suite took 486 s instead of 584 s, mostly the imports every file paid again. What a test
    // changes of the shared globals is undone after it (every file that stubs also unstubs).
    isolate: false,
    unstubGlobals: true,
    unstubEnvs: true,
    testTimeout: 30_000,
    hookTimeout: 30_000,
    dangerouslyIgnoreUnhandledErrors: false,
    globalSetup: ["client/test/global-setup.ts"],
  },
});
