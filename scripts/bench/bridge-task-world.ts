// The bridge-task benchmark's world, one per channel size: a data directory set up offline (the
// workspace, one channel, an agent in it, a bridge key and an API key for the person who mentions
// it), the channel seeded offline in the split layout (client-seed.ts) and indexed by
// `ovb reindex` (search and thread index, as a server that saw the messages arrive would hold
// them); then the real server and the real agent bridge, each its own process, the bridge
// answering through the Anthropic SDK from the local fake API.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import {
  type FakeAnthropicServer,
  startFakeAnthropic,
} from "../../agent-bridge/src/testing/fake-anthropic-server.ts";
import { createApiKey } from "../../sync-server/src/accounts/api-keys.ts";
import { createUser } from "../../sync-server/src/accounts/users.ts";
import { updateAgentConfig } from "../../sync-server/src/agents/agent-config.ts";
import { createBridgeKey } from "../../sync-server/src/agents/bridge-keys.ts";
import { addMember, createChannel } from "../../sync-server/src/channels/channels.ts";
import { withDatabase } from "../../sync-server/src/cli/workspace.ts";
import { setUpWorkspace } from "../../sync-server/src/workspace/workspace.ts";
import type { BridgeReport } from "./bridge-report-preload.ts";
import { type SeededChannel, seedChannel } from "./client-seed.ts";
import { ADMIN_EMAIL, PASSWORD, type ServerProcess, startServerProcess } from "./client-server.ts";
import { waitForLogEntry } from "./lib/child-log.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BRIDGE_MAIN = join(ROOT, "agent-bridge/src/main.ts");
const OVB_MAIN = join(ROOT, "sync-server/src/cli/main.ts");
const PRELOAD = fileURLToPath(new URL("./bridge-report-preload.ts", import.meta.url));
const REPORT_TIMEOUT_MS = 30_000;

export interface Workspace {
  channelId: string;
  adminId: string;
  agentId: string;
  agentHandle: string;
  bridgeKey: string;
  /** The admin's API key: the mentioning person's credential on the socket. */
  apiKey: string;
}

/** Sets up the workspace in the (new, empty) `dataDir` straight in its database. */
export function setUpOffline(dataDir: string): Promise<Workspace> {
  return withDatabase(dataDir, "new", async (ctx) => {
    const admin = await setUpWorkspace(ctx, {
      workspaceName: "Bench",
      email: ADMIN_EMAIL,
      displayName: "admin",
      password: PASSWORD,
    });
    const channel = createChannel(ctx, admin, { name: "bench", topic: "", visibility: "public" });
    const agent = await createUser(ctx, {
      kind: "agent",
      role: "member",
      handle: "helper",
      displayName: "Helper",
    });
    addMember(ctx, admin, channel.id, agent.id);
    // Any model name: the fake API streams the same reply whatever is asked.
    updateAgentConfig(ctx, admin, agent.id, { model: "fake-model" });
    return {
      channelId: channel.id,
      adminId: admin.id,
      agentId: agent.id,
      agentHandle: agent.handle,
      bridgeKey: createBridgeKey(ctx, admin, "bench bridge").key,
      apiKey: createApiKey(ctx, admin, admin, "bench mentions").key,
    };
  });
}

/** Seeds the channel and indexes it with `ovb reindex`, the server not running. */
export async function seedAndIndex(
  dataDir: string,
  workspace: Workspace,
  messages: number,
  seed: number,
  onProgress: (line: string) => void,
): Promise<SeededChannel> {
  const seeded = await seedChannel(
    dataDir,
    workspace.channelId,
    messages,
    seed,
    workspace.adminId,
    (done) => onProgress(`    ${done.toLocaleString("en")} built`),
  );
  onProgress("  indexing (ovb reindex)…");
  await promisify(execFile)(process.execPath, [OVB_MAIN, "reindex", "--data-dir", dataDir], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return seeded;
}

export function startServer(dataDir: string): Promise<ServerProcess> {
  // The server process inherits this environment: tasks follow one another faster than the
  // default limit of new agent tasks per channel per minute (30) allows for more than 30 tasks.
  process.env.OPENVIBE_AGENT_TASKS_PER_MINUTE = "10000";
  // No client build: the benchmark speaks only the sync protocol and the bridge's API.
  return startServerProcess(dataDir, join(dataDir, "no-client"), 0);
}

export function startFake(tokens: number, tokenDelayMs: number): Promise<FakeAnthropicServer> {
  return startFakeAnthropic({
    kind: "reply",
    tokens: Array.from({ length: tokens }, (_, i) => ` word${i}`),
    tokenDelayMs,
  });
}

export interface BridgeProcess {
  pid: number;
  /** Asks the bridge for a report (SIGUSR2) and resolves with it. */
  report(): Promise<BridgeReport>;
  stop(): Promise<void>;
}

/**
 * Starts `node agent-bridge/src/main.ts` with the report hook preloaded, as a bridge run beside
 * the server (its key given), and resolves once it has started claiming.
 */
export async function startBridge(
  dataDir: string,
  server: ServerProcess,
  bridgeKey: string,
  fake: FakeAnthropicServer,
): Promise<BridgeProcess> {
  const reportFile = join(dataDir, "bridge-report.json");
  const child = spawn(process.execPath, ["--expose-gc", "--import", PRELOAD, BRIDGE_MAIN], {
    env: {
      ...process.env,
      OPENVIBE_SERVER_URL: server.url,
      OPENVIBE_BRIDGE_KEY: bridgeKey,
      OPENVIBE_BRIDGE_STATE_DIR: join(dataDir, "agent-bridge"),
      ANTHROPIC_API_KEY: "fake",
      ANTHROPIC_BASE_URL: fake.url,
      OPENVIBE_LOG_LEVEL: "info",
      BENCH_BRIDGE_REPORT_FILE: reportFile,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  await started(child, () => stderr);
  const pid = child.pid;
  if (pid === undefined) throw new Error("the bridge process has no pid");
  let sequence = 0;
  const report = async (): Promise<BridgeReport> => {
    sequence += 1;
    const wanted = sequence;
    child.kill("SIGUSR2");
    const deadline = Date.now() + REPORT_TIMEOUT_MS;
    for (;;) {
      const read = readReport(reportFile);
      if (read !== null && read.sequence >= wanted) return read;
      if (Date.now() > deadline || child.exitCode !== null) {
        throw new Error(`the bridge did not report within ${REPORT_TIMEOUT_MS} ms: ${stderr}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return {
    pid,
    report,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, "exit");
      child.kill("SIGTERM");
      await exited;
    },
  };
}

function readReport(file: string): BridgeReport | null {
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, "utf8")) as BridgeReport;
}

/** Resolves once the bridge logs that it started (it then claims at once). */
function started(child: ChildProcess, stderr: () => string): Promise<void> {
  return waitForLogEntry(child, { name: "the bridge", event: "start" }, stderr, (entry) =>
    entry.msg === "agent bridge started" ? true : undefined,
  ).then(() => undefined);
}
