// One world for end-to-end agent tests: the real sync server (in-process,
// short leases), a seeded workspace, the local fake Anthropic API, a bridge
// key, and real in-process bridges whose model calls go through the real SDK
// to the fake. Everything stops when the test finishes.

import { EventEmitter } from "node:events";
import { onTestFinished } from "vitest";
import { createBridgeKey } from "../../../sync-server/src/agents/bridge-keys.ts";
import type { TaskRecord } from "../../../sync-server/src/agents/tasks.ts";
import { createLogger as createServerLogger } from "../../../sync-server/src/logger.ts";
import { type RunningServer, startServer } from "../../../sync-server/src/server.ts";
import {
  startTestServer,
  type TestServer,
  testConfig,
} from "../../../sync-server/test/support/test-server.ts";
import { onEvent, waitFor } from "../../../sync-server/test/support/wait-for.ts";
import {
  type SeededWorkspace,
  seedWorkspace,
} from "../../../sync-server/test/support/workspace-fixture.ts";
import { AgentBridge, type AgentBridgeOptions } from "../../src/bridge.ts";
import { createLogger } from "../../src/logger.ts";
import { AnthropicProvider } from "../../src/model/anthropic-provider.ts";
import type { FakeScenario } from "../../src/testing/fake-anthropic-server.ts";
import {
  type FakeAnthropicServer,
  startFakeAnthropic,
} from "../../src/testing/fake-anthropic-server.ts";
import { connectHuman, type Human } from "./humans.ts";
import { tasksFor } from "./ledger.ts";

const FINAL = new Set(["completed", "failed", "cancelled"]);

/** Short leases keep the lease-expiry tests fast (bridges renew at a third of the lease). */
export const TEST_LEASE_MS = 1500;

export interface AgentWorldOptions {
  /** Extra server environment (e.g. OPENVIBE_AGENT_MAX_DEPTH). */
  server?: Record<string, string>;
  /** The fake API's answer when no scenario is queued. */
  reply?: FakeScenario;
  /** Whether to start one bridge at once (default true). */
  bridge?: boolean;
}

export interface AgentWorld {
  server: TestServer;
  workspace: SeededWorkspace;
  fake: FakeAnthropicServer;
  bridgeKey: string;
  /** The bridge started with the world (null when `bridge: false`). */
  bridge: AgentBridge | null;
  /** Starts another in-process bridge against the same server and fake API. */
  startBridge(overrides?: Partial<AgentBridgeOptions>): AgentBridge;
  /** The workspace's "member", connected over a real provider. */
  member: Human;
  /** Resolves once `check` holds, re-checked whenever any bridge settles a task. */
  afterTasks(what: string, check: () => boolean, timeoutMs?: number): Promise<void>;
  /** Resolves once the trigger's tasks in the ledger are all finished; returns them. */
  ledgerSettled(triggerMessageId: string, count?: number): Promise<TaskRecord[]>;
  /** Stops the server (an outage begins); resolves with when it had stopped (epoch ms). */
  serverDown(): Promise<number>;
  /** Starts the server again on the same port over the same data directory. */
  serverUp(): Promise<RunningServer>;
  /** The lease length the server was started with (ms). */
  leaseMs: number;
}

export function bridgeLogger() {
  return createLogger(process.env.OPENVIBE_TEST_LOG_LEVEL ?? "silent");
}

export async function startAgentWorld(options: AgentWorldOptions = {}): Promise<AgentWorld> {
  const environment = { OPENVIBE_AGENT_LEASE_MS: String(TEST_LEASE_MS), ...options.server };
  const server = await startTestServer(environment);
  // Restarts keep the port, so bridges and people reconnect to the address they know.
  const config = testConfig(server.dataDir, {
    ...environment,
    PORT: String(server.current.port),
  });
  const workspace = await seedWorkspace(server.current);
  const fake = await startFakeAnthropic(options.reply);
  onTestFinished(() => fake.close());
  const bridgeKey = createBridgeKey(server.current.ctx, workspace.admin.user, "test bridge").key;

  const bridges: AgentBridge[] = [];
  const settlements = new EventEmitter();
  const startBridge = (overrides: Partial<AgentBridgeOptions> = {}) => {
    const bridge = new AgentBridge({
      serverUrl: server.current.url,
      key: bridgeKey,
      provider: new AnthropicProvider({ apiKey: "sk-fake", baseURL: fake.url, maxRetries: 2 }),
      logger: bridgeLogger(),
      concurrency: 2,
      flushMs: 50,
      claimWaitMs: 5_000,
      ...overrides,
    });
    bridge.events.on("task-settled", () => settlements.emit("settled"));
    bridges.push(bridge);
    bridge.start();
    onTestFinished(() => bridge.stop());
    return bridge;
  };

  const afterTasks = (what: string, check: () => boolean, timeoutMs?: number) =>
    waitFor(what, check, onEvent(settlements, "settled"), timeoutMs);
  const ledgerSettled = async (triggerMessageId: string, count = 1) => {
    const finished = () =>
      tasksFor(server.current, triggerMessageId).filter((t) => FINAL.has(t.status));
    await afterTasks(
      `${count} finished tasks for ${triggerMessageId}`,
      () => finished().length >= count,
    );
    return finished();
  };

  const serverDown = async () => {
    await server.current.close();
    return Date.now();
  };
  const serverUp = async () => {
    server.current = await startServer(config, createServerLogger(config.logLevel));
    return server.current;
  };

  return {
    afterTasks,
    ledgerSettled,
    serverDown,
    serverUp,
    leaseMs: config.agentLeaseMs,
    server,
    workspace,
    fake,
    bridgeKey,
    bridge: options.bridge === false ? null : startBridge(),
    startBridge,
    member: await connectHuman(server.current, workspace.member),
  };
}
