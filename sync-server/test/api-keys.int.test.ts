// Agents and API keys over real HTTP.
import type { ApiKeyView, CreatedApiKey, UserView } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { ApiClient } from "./support/api-client.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

describe("API keys", () => {
  it("works as a bearer token until revoked; members manage only their own", async () => {
    const { current } = await startTestServer();
    const { admin, member, agent } = await seedWorkspace(current);
    const created = await member.client.post<CreatedApiKey>("/api/api-keys", { name: "laptop" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "laptop", userId: member.user.id, revokedAt: null });
    expect(created.body.key.startsWith(created.body.prefix)).toBe(true);
    const script = new ApiClient(current.url, { apiKey: created.body.key });
    expect((await script.get<UserView>("/api/me")).body.handle).toBe("member");

    const own = await member.client.get<ApiKeyView[]>("/api/api-keys");
    expect(own.body.map((k) => k.name)).toEqual(["laptop"]);
    expect(own.body[0]).not.toHaveProperty("key");
    const all = await admin.client.get<ApiKeyView[]>("/api/api-keys");
    expect(all.body.map((k) => k.name).sort()).toEqual(["bridge", "laptop", "old bridge"]);

    const forAgent = await member.client.post("/api/api-keys", {
      name: "steal",
      userId: agent.user.id,
    });
    expect(forAgent.status).toBe(403);
    const bridge = all.body.find((k) => k.name === "bridge");
    expect((await member.client.delete(`/api/api-keys/${bridge?.id}`)).status).toBe(404);
    expect((await agent.client.get("/api/me")).status).toBe(200);

    expect((await member.client.delete(`/api/api-keys/${created.body.id}`)).status).toBe(204);
    const refused = await script.get("/api/me");
    expect(refused.status).toBe(401);
    expect(refused.body).toMatchObject({ error: { code: "unauthenticated" } });
  });

  it("lets admins create agents and keys for them", async () => {
    const { current } = await startTestServer();
    const { admin, member } = await seedWorkspace(current);
    const agent = await admin.client.post<UserView>("/api/agents", {
      handle: "Scribe",
      displayName: "Scribe",
    });
    expect(agent.status).toBe(201);
    expect(agent.body).toMatchObject({ kind: "agent", role: "member", handle: "scribe" });
    expect(agent.body).not.toHaveProperty("email");
    const taken = await admin.client.post("/api/agents", { handle: "claude", displayName: "C" });
    expect(taken.status).toBe(409);

    const key = await admin.client.post<CreatedApiKey>("/api/api-keys", {
      name: "scribe bridge",
      userId: agent.body.id,
    });
    expect(key.status).toBe(201);
    const bridge = new ApiClient(current.url, { apiKey: key.body.key });
    expect((await bridge.get<UserView>("/api/me")).body).toMatchObject({ handle: "scribe" });
    // Agents cannot mint keys themselves.
    expect((await bridge.post("/api/api-keys", { name: "more" })).status).toBe(403);

    const agents = await member.client.get<UserView[]>("/api/agents");
    expect(agents.body.map((a) => a.handle).sort()).toEqual(["claude", "scribe"]);
  });
});
