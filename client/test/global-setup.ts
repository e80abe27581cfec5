// Builds the client once per vitest run, into a temporary directory the
// end-to-end tests serve with the real server (OPENVIBE_CLIENT_DIR).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build } from "vite";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    clientDir: string;
  }
}

const CLIENT_ROOT = new URL("..", import.meta.url).pathname;

export default async function setup(project: TestProject): Promise<() => void> {
  const clientDir = mkdtempSync(join(tmpdir(), "openvibe-client-"));
  // Vitest sets NODE_ENV=test, which would make Vite build React's development
  // bundle with import.meta.env.PROD false: no service worker. Build what ships.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      root: CLIENT_ROOT,
      configFile: join(CLIENT_ROOT, "vite.config.ts"),
      mode: "production",
      logLevel: "warn",
      build: { outDir: clientDir, emptyOutDir: true },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
  }
  project.provide("clientDir", clientDir);
  return () => rmSync(clientDir, { recursive: true, force: true });
}
