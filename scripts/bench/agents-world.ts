// The agents benchmark's world: a real server in a temporary directory, one
// channel with N agents and N thread ids (one thread document per stream, as
// the channel is split), the fake Anthropic API, a bridge key, an API key for
// the viewers, and viewers that count the updates and WebSocket bytes they
// receive on those thread documents.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HocuspocusProvider, HocuspocusProviderWebsocket } from "@hocuspocus/provider";
import { type Actor, createSplitThread, threadDocumentName } from "@openvibe/schema";
import { createLogger, loadConfig, type RunningServer, startServer } from "@openvibe/sync-server";
import * as Y from "yjs";
import {
  type FakeAnthropicServer,
  startFakeAnthropic,
} from "../../agent-bridge/src/testing/fake-anthropic-server.ts";
import { createApiKey } from "../../sync-server/src/accounts/api-keys.ts";
import type { UserRecord } from "../../sync-server/src/accounts/principal.ts";
import { createUser } from "../../sync-server/src/accounts/users.ts";
import { updateAgentConfig } from "../../sync-server/src/agents/agent-config.ts";
import { createBridgeKey } from "../../sync-server/src/agents/bridge-keys.ts";
import { addMember, createChannel } from "../../sync-server/src/channels/channels.ts";
import { setUpWorkspace } from "../../sync-server/src/workspace/workspace.ts";
import { createBenchEnv } from "./channel-fixture.ts";

export interface BenchWorld {
  server: RunningServer;
  fake: FakeAnthropicServer;
  admin: UserRecord;
  agents: UserRecord[];
  channelId: string;
  /** The threads the streams go to, fixed up front so viewers open their documents first. */
  threadIds: string[];
  bridgeKey: string;
  viewerKey: string;
  close(): Promise<void>;
}

export async function startBenchWorld(agentCount: number): Promise<BenchWorld> {
  const dataDir = mkdtempSync(join(tmpdir(), "openvibe-bench-agents-"));
  const config = loadConfig({
    PORT: "0",
    OPENVIBE_DATA_DIR: dataDir,
    OPENVIBE_LOG_LEVEL: "silent",
    OPENVIBE_CLIENT_DIR: join(dataDir, "no-client"),
    OPENVIBE_BRIDGE_KEY_FILE: "off",
    OPENVIBE_AGENT_TASKS_PER_MINUTE: "10000",
  });
  const server = await startServer(config, createLogger("silent"));
  const { ctx } = server;
  const admin = await setUpWorkspace(ctx, {
    workspaceName: "Bench",
    email: "admin@example.com",
    displayName: "Admin",
    password: "correct horse battery staple",
  });
  const channel = createChannel(ctx, admin, { name: "bench", topic: "", visibility: "public" });
  const agents: UserRecord[] = [];
  for (let n = 1; n <= agentCount; n += 1) {
    const agent = await createUser(ctx, {
      kind: "agent",
      role: "member",
      handle: `agent${n}`,
      displayName: `Agent ${n}`,
    });
    addMember(ctx, admin, channel.id, agent.id);
    // Any name: the fake API streams the same reply (and the SDK warns about retired models).
    updateAgentConfig(ctx, admin, agent.id, { model: "fake-model" });
    agents.push(agent);
  }
  const fake = await startFakeAnthropic();
  return {
    server,
    fake,
    admin,
    agents,
    channelId: channel.id,
    threadIds: Array.from({ length: agentCount }, createBenchEnv(0x7ead, 0).newId),
    bridgeKey: createBridgeKey(ctx, admin, "bench bridge").key,
    viewerKey: createApiKey(ctx, admin, admin, "bench viewers").key,
    async close() {
      await fake.close();
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Viewer {
  /** The thread documents of `world.threadIds`, in that order. */
  docs: Y.Doc[];
  /** Updates applied and WebSocket bytes received since the last reset. */
  updates: number;
  bytes: number;
  reset(): void;
  close(): void;
}

function byteLength(data: unknown): number {
  if (data instanceof ArrayBuffer) return data.byteLength;
  if (ArrayBuffer.isView(data)) return data.byteLength;
  return typeof data === "string" ? Buffer.byteLength(data) : 0;
}

/** A viewer of every stream's thread document, on its own socket, counting what reaches it. */
export function connectViewer(world: BenchWorld): Promise<Viewer> {
  const meter = { bytes: 0 };
  class CountingWebSocket extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols);
      this.addEventListener("message", (event) => {
        meter.bytes += byteLength(event.data);
      });
    }
  }
  const socket = new HocuspocusProviderWebsocket({
    url: world.server.websocketUrl,
    WebSocketPolyfill: CountingWebSocket,
  });
  const providers = world.threadIds.map((threadId) => {
    const provider = new HocuspocusProvider({
      websocketProvider: socket,
      name: threadDocumentName(world.channelId, threadId),
      document: new Y.Doc(),
      token: world.viewerKey,
    });
    provider.attach();
    return provider;
  });
  const viewer: Viewer = {
    docs: providers.map((provider) => provider.document),
    updates: 0,
    get bytes() {
      return meter.bytes;
    },
    set bytes(value: number) {
      meter.bytes = value;
    },
    reset() {
      viewer.updates = 0;
      meter.bytes = 0;
    },
    close() {
      for (const provider of providers) provider.destroy();
      socket.destroy();
    },
  };
  for (const doc of viewer.docs) {
    doc.on("update", () => {
      viewer.updates += 1;
    });
  }
  const synced = providers.map(
    (provider) =>
      new Promise<void>((resolve) => {
        const onSynced = () => {
          provider.off("synced", onSynced);
          resolve();
        };
        provider.on("synced", onSynced);
      }),
  );
  return Promise.all(synced).then(() => viewer);
}

/**
 * Creates a thread as the client does, in its own new thread document, and syncs that document
 * to the server; returns the provider (destroy it when done).
 */
export function postNewThread(
  world: BenchWorld,
  actor: Actor,
  input: { title: string; body: string },
): HocuspocusProvider {
  const doc = new Y.Doc();
  const { threadId } = createSplitThread(() => doc, actor, input);
  const provider = new HocuspocusProvider({
    url: world.server.websocketUrl,
    name: threadDocumentName(world.channelId, threadId),
    document: doc,
    token: world.viewerKey,
  });
  return provider;
}
