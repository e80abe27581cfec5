// Presence is sanitised by the server: whatever identity a peer announces in
// its awareness state, the others see who it really is.
import { MAX_PRESENCE_LENGTH } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { connectPeer } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { startTestServer } from "./support/test-server.ts";
import { waitFor } from "./support/wait-for.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

describe("awareness identity", () => {
  it("shows a peer that claims to be the admin with its real identity", async () => {
    const { current: server } = await startTestServer();
    const seed = await seedWorkspace(server);
    const admin = connectPeer(server.websocketUrl, {
      token: await webSocketToken(seed.admin.client),
    });
    const impostor = connectPeer(server.websocketUrl, { token: seed.agent.apiKey });
    const watching = await admin.open(seed.general.id);
    const lying = await impostor.open(seed.general.id);

    const { id, handle, displayName, avatarColor } = seed.admin.user;
    lying.provider.setAwarenessField("user", {
      id,
      kind: "human",
      handle,
      displayName,
      avatarColor,
    });
    lying.provider.setAwarenessField("cursor", { threadId: "t1" });

    const awareness = watching.provider.awareness;
    if (awareness === null) throw new Error("the admin's provider has no awareness");
    const impostorState = () => awareness.getStates().get(lying.doc.clientID);
    await waitFor(
      "the impostor's cursor on the admin's side",
      () => impostorState()?.cursor !== undefined,
      (cb) => {
        awareness.on("change", cb);
        return () => awareness.off("change", cb);
      },
    );
    const agent = seed.agent.user;
    expect(impostorState()).toEqual({
      cursor: { threadId: "t1" },
      user: {
        id: agent.id,
        kind: "agent",
        handle: agent.handle,
        displayName: agent.displayName,
        avatarColor: agent.avatarColor,
      },
    });
  });

  it("keeps only the identity of a presence state over the size limit", async () => {
    const { current: server } = await startTestServer();
    const seed = await seedWorkspace(server);
    const admin = connectPeer(server.websocketUrl, {
      token: await webSocketToken(seed.admin.client),
    });
    const member = connectPeer(server.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    const watching = await admin.open(seed.general.id);
    const bloated = await member.open(seed.general.id);
    const awareness = watching.provider.awareness;
    if (awareness === null) throw new Error("the admin's provider has no awareness");
    const memberState = () => awareness.getStates().get(bloated.doc.clientID);
    const until = (what: string, check: () => boolean) =>
      waitFor(what, check, (cb) => {
        awareness.on("change", cb);
        return () => awareness.off("change", cb);
      });
    bloated.provider.setAwarenessField("typing", { threadId: "t0" });
    await until(
      "the member's typing on the admin's side",
      () => memberState()?.typing !== undefined,
    );
    bloated.provider.setAwarenessField("typing", { threadId: "x".repeat(MAX_PRESENCE_LENGTH) });
    await until(
      "the oversized state cut to its identity",
      () => memberState()?.typing === undefined,
    );
    expect(memberState()).toEqual({ user: expect.objectContaining({ id: seed.member.user.id }) });
    // A state within the limit goes through whole again.
    bloated.provider.setAwarenessField("typing", { threadId: "t1" });
    await until("the member's small presence", () => memberState()?.typing !== undefined);
    expect(memberState()?.typing).toEqual({ threadId: "t1" });
  });
});
