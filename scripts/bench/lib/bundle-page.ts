// Bundles an in-page benchmark (client code typed for the DOM) into one script with the client's
// vite, in production mode, for a browser benchmark to serve on localhost.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../../..", import.meta.url));

/** `entry` (relative to the repository) as an IIFE script exposing its exports as `globalName`. */
export async function bundleBenchPage(entry: string, globalName: string): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), "openvibe-bench-page-"));
  try {
    const vitePath = createRequire(join(ROOT, "client/package.json")).resolve("vite");
    const { build } = (await import(vitePath)) as {
      build(config: Record<string, unknown>): Promise<unknown>;
    };
    await build({
      configFile: false,
      root: join(ROOT, "client"),
      logLevel: "warn",
      define: { "process.env.NODE_ENV": '"production"' },
      build: {
        outDir,
        emptyOutDir: true,
        lib: {
          entry: join(ROOT, entry),
          formats: ["iife"],
          name: globalName,
          fileName: () => "bench.js",
        },
      },
    });
    return readFileSync(join(outDir, "bench.js"), "utf8");
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}
