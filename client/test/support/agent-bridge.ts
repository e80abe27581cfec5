// A real agent bridge in the test's process, claiming tasks from a child
// server with the bridge key it wrote, and answering through the real
// Anthropic SDK from the local fake Messages API. Both stop with the test.
import { onTestFinished } from "vitest";
import { AgentBridge } from "../../../agent-bridge/src/bridge.ts";
import { createLogger } from "../../../agent-bridge/src/logger.ts";
import { AnthropicProvider } from "../../../agent-bridge/src/model/anthropic-provider.ts";
import {
  type FakeAnthropicServer,
  type FakeScenario,
  startFakeAnthropic,
} from "../../../agent-bridge/src/testing/fake-anthropic-server.ts";
import type { ChildWorkspace } from "./child-workspace.ts";

export async function startAgentBridge(
  workspace: ChildWorkspace,
  reply: FakeScenario,
): Promise<FakeAnthropicServer> {
  const fake = await startFakeAnthropic(reply);
  onTestFinished(() => fake.close());
  const bridge = new AgentBridge({
    serverUrl: workspace.url,
    key: workspace.bridgeKey(),
    provider: new AnthropicProvider({ apiKey: "sk-fake", baseURL: fake.url, maxRetries: 0 }),
    logger: createLogger(process.env.OPENVIBE_TEST_LOG_LEVEL ?? "silent"),
    concurrency: 1,
    flushMs: 50,
    claimWaitMs: 2_000,
    heartbeatMs: 1_000,
  });
  bridge.start();
  onTestFinished(() => bridge.stop());
  return fake;
}
