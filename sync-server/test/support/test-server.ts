// Starts the real server in-process on port 0 with a temporary data
// directory; teardown is registered with the running test at creation.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, onTestFinished } from "vitest";
import { loadConfig, type ServerConfig } from "../../src/config/config.ts";
import { createLogger } from "../../src/logger.ts";
import { type RunningServer, startServer } from "../../src/server.ts";

export interface TestServer {
  dataDir: string;
  current: RunningServer;
  /** Stops the server and starts a new one over the same data directory. */
  restart(): Promise<RunningServer>;
  /** Like `restart`, on the same port: connected peers find the new server by themselves. */
  restartOnSamePort(): Promise<RunningServer>;
}

export function temporaryDataDir(): string {
  const dataDir = mkdtempSync(join(tmpdir(), "openvibe-test-"));
  onTestFinished(() => rmSync(dataDir, { recursive: true, force: true }));
  return dataDir;
}

export function testConfig(dataDir: string, overrides: Record<string, string> = {}): ServerConfig {
  return loadConfig({
    PORT: "0",
    OPENVIBE_DATA_DIR: dataDir,
    OPENVIBE_LOG_LEVEL: "silent",
    OPENVIBE_SQLITE_SYNCHRONOUS: "normal",
    OPENVIBE_CLIENT_DIR: join(dataDir, "no-client"),
    OPENVIBE_BRIDGE_KEY_FILE: "off",
    ...overrides,
  });
}

export async function startTestServer(overrides: Record<string, string> = {}): Promise<TestServer> {
  const dataDir = temporaryDataDir();
  const config = testConfig(dataDir, overrides);
  const logger = createLogger(config.logLevel);
  const handle: TestServer = {
    dataDir,
    current: await startServer(config, logger),
    async restart() {
      await handle.current.close();
      handle.current = await startServer(config, logger);
      return handle.current;
    },
    async restartOnSamePort() {
      const samePort = { ...config, port: handle.current.port };
      await handle.current.close();
      handle.current = await startServer(samePort, logger);
      return handle.current;
    },
  };
  onTestFinished(() => handle.current.close());
  return handle;
}

/**
 * One server for a whole describe block (started in beforeAll, stopped and
 * removed in afterAll), for suites of many small requests. Call it in the block.
 */
export function useSharedTestServer(): () => RunningServer {
  let server: RunningServer | null = null;
  let dataDir: string | null = null;
  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "openvibe-test-"));
    const config = testConfig(dataDir);
    server = await startServer(config, createLogger(config.logLevel));
  });
  afterAll(async () => {
    await server?.close();
    if (dataDir !== null) rmSync(dataDir, { recursive: true, force: true });
  });
  return () => {
    if (server === null) throw new Error("the shared server starts in beforeAll");
    return server;
  };
}
