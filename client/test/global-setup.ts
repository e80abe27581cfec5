// Builds the client once per vitest run, into a temporary directory the
// end-to-end tests serve with the real server (OPENVIBE_CLIENT_DIR).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildClient } from "../../scripts/lib/build-client.ts";

declare module "vitest" {
  export interface ProvidedContext {
    clientDir: string;
  }
}

export default async function setup(project: TestProject): Promise<() => void> {
  const clientDir = mkdtempSync(join(tmpdir(), "openvibe-client-"));
  await buildClient(clientDir);
  project.provide("clientDir", clientDir);
  return () => rmSync(clientDir, { recursive: true, force: true });
}
