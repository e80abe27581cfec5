// Builds the client as it ships (production mode, service worker included) into a directory, for
// the benchmarks and the release, without touching client/dist.
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export async function buildClient(outDir: string): Promise<void> {
  const clientRoot = join(ROOT, "client");
  const vitePath = createRequire(join(clientRoot, "package.json")).resolve("vite");
  const { build } = (await import(vitePath)) as {
    build(config: Record<string, unknown>): Promise<unknown>;
  };
  // Under a test runner NODE_ENV is "test", which would build React's development bundle with
  // import.meta.env.PROD false (no service worker): build what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      root: clientRoot,
      configFile: join(clientRoot, "vite.config.ts"),
      mode: "production",
      logLevel: "warn",
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
}
