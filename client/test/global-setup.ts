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
  await build({
    root: CLIENT_ROOT,
    configFile: join(CLIENT_ROOT, "vite.config.ts"),
    logLevel: "warn",
    build: { outDir: clientDir, emptyOutDir: true },
  });
  project.provide("clientDir", clientDir);
  return () => rmSync(clientDir, { recursive: true, force: true });
}
