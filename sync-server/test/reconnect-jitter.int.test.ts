// A server back within a second (a supervisor restarting it at once): its clients, reconnecting
// with the browser's settings, come back spread over the first attempt's jitter, not all in one
// instant. With the provider's own defaults every one of them came back exactly one second
// after the close (spread of a few ms): the thundering herd this guards against.
import { RECONNECT_OPTIONS } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { connectPeer } from "./support/peers.ts";
import { describeSpread, nextConnections, reconnectSpread } from "./support/reconnect-spread.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

/** Smoke size in the suite; `./scripts/test --long` brings more clients back. */
const CLIENTS = process.env.OPENVIBE_LONG === "1" ? 100 : 12;

describe("reconnects after a quick restart", () => {
  it("spread the clients over the reconnect delay instead of one instant", async () => {
    const server = await startTestServer();
    const seed = await seedWorkspace(server.current);
    const peers = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const peer = connectPeer(server.current.websocketUrl, { token: seed.agent.apiKey });
        await peer.open(seed.general.id);
        return peer;
      }),
    );

    const reconnected = nextConnections(peers.map((p) => p.socket));
    await server.restartOnSamePort();
    const listenedAt = Date.now();
    const spread = reconnectSpread(await reconnected, listenedAt);
    console.log(`${CLIENTS} clients after a quick restart: ${describeSpread(spread)}`);

    // All within a tenth of the delay is one burst: what the provider's defaults gave.
    expect(spread.spreadMs).toBeGreaterThanOrEqual(RECONNECT_OPTIONS.delay / 10);
  }, 30_000);
});
