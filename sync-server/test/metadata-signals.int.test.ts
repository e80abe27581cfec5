// Metadata changes reach open sockets as one stateless message per socket, on
// one of its channel connections, within a second, whatever process made them;
// and only what the person may see: a private channel they are not in stays
// invisible.
import { performance } from "node:perf_hooks";
import type { onStatelessParameters } from "@hocuspocus/provider";
import { type MetadataChanged, parseMetadataChanged } from "@openvibe/schema";
import { describe, expect, it, onTestFinished } from "vitest";
import { updateProfile } from "../src/accounts/users.ts";
import { addMember, createChannel, joinChannel } from "../src/channels/channels.ts";
import { startServer } from "../src/server.ts";
import { updateWorkspace } from "../src/workspace/workspace.ts";
import type { ApiClient } from "./support/api-client.ts";
import { capturedLog } from "./support/captured-log.ts";
import { services } from "./support/ovb.ts";
import { connectPeer, type OpenChannel } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { temporaryDataDir, testConfig } from "./support/test-server.ts";
import { waitFor } from "./support/wait-for.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

const ONE_SECOND = 1000;

async function workspace() {
  const dataDir = temporaryDataDir();
  const config = testConfig(dataDir, { OPENVIBE_ACCESS_CHANGE_POLL_MS: "50" });
  const server = await startServer(config, capturedLog().logger);
  onTestFinished(() => server.close());
  const seed = await seedWorkspace(server);
  // In the public channel only: a page hears through the channels it has open.
  joinChannel(server.ctx, seed.outsider.user, seed.general.id);
  return { dataDir, server, seed };
}

/** What one socket hears, in order, over every channel it has open. */
interface Listener {
  heard: (MetadataChanged | { unexpected: string })[];
  /** Resolves once `count` messages were heard (deadline: one second). */
  hears(count: number): Promise<void>;
}

async function listen(websocketUrl: string, client: ApiClient, channelIds: string[]) {
  const peer = connectPeer(websocketUrl, { token: await webSocketToken(client) });
  const channels: OpenChannel[] = await Promise.all(channelIds.map((id) => peer.open(id)));
  const heard: Listener["heard"] = [];
  const events = new EventTarget();
  for (const { provider } of channels) {
    provider.on("stateless", ({ payload }: onStatelessParameters) => {
      heard.push(parseMetadataChanged(payload) ?? { unexpected: payload });
      events.dispatchEvent(new Event("heard"));
    });
  }
  const listener: Listener = {
    heard,
    hears: (count) =>
      waitFor(
        `${count} metadata notices`,
        () => heard.length >= count,
        (cb) => {
          events.addEventListener("heard", cb);
          return () => events.removeEventListener("heard", cb);
        },
        ONE_SECOND,
      ),
  };
  return listener;
}

describe("metadata signals", () => {
  it("tell a person added to a private channel, and no one outside it", async () => {
    const { server, seed } = await workspace();
    const { general, secret } = seed;
    const [member, outsider, admin] = await Promise.all([
      listen(server.websocketUrl, seed.member.client, [general.id, secret.id]),
      listen(server.websocketUrl, seed.outsider.client, [general.id]),
      listen(server.websocketUrl, seed.admin.client, [general.id]),
    ]);

    const started = performance.now();
    const plans = createChannel(server.ctx, seed.admin.user, {
      name: "plans",
      topic: "",
      visibility: "private",
    });
    addMember(server.ctx, seed.admin.user, plans.id, seed.member.user.id);
    await Promise.all([member.hears(1), admin.hears(2)]);
    expect(performance.now() - started).toBeLessThan(ONE_SECOND);

    // A change everyone sees: what the outsider heard before it, it heard of the private channel.
    updateWorkspace(server.ctx, seed.admin.user, { workspaceName: "Acme Inc" });
    await Promise.all([member.hears(2), outsider.hears(1), admin.hears(3)]);

    const membersOfPlans = { type: "metadata-changed", lists: ["channels", "members"] };
    const workspaceNamed = { type: "metadata-changed", lists: ["workspace"] };
    // Two channels open, one message each time.
    expect(member.heard).toEqual([{ ...membersOfPlans, channelId: plans.id }, workspaceNamed]);
    expect(outsider.heard).toEqual([workspaceNamed]);
    expect(admin.heard).toEqual([
      { type: "metadata-changed", lists: ["channels"] },
      { ...membersOfPlans, channelId: plans.id },
      workspaceNamed,
    ]);
  });

  it("tell open sockets of a change another process made", async () => {
    const { dataDir, server, seed } = await workspace();
    const outsider = await listen(server.websocketUrl, seed.outsider.client, [seed.general.id]);
    updateProfile(services(dataDir), seed.member.user.id, { displayName: "Member Renamed" });
    await outsider.hears(1);
    expect(outsider.heard).toEqual([{ type: "metadata-changed", lists: ["people"] }]);
  });
});
