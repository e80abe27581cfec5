// The caller's own profile and password over real HTTP.
import type { UserView } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { ApiClient } from "./support/api-client.ts";
import { startTestServer } from "./support/test-server.ts";
import { PASSWORD, seedWorkspace } from "./support/workspace-fixture.ts";

const NEW_PASSWORD = "a much better passphrase";

describe("profile and password", () => {
  it("shows and changes the caller's profile", async () => {
    const { current } = await startTestServer();
    const { member, agent } = await seedWorkspace(current);
    const me = await member.client.get<UserView>("/api/me");
    expect(me.body).toMatchObject({ handle: "member", email: "member@example.com", kind: "human" });

    const changed = await member.client.patch<UserView>("/api/me", {
      displayName: "  Mem  ",
      avatarColor: "#AABBCC",
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ displayName: "Mem", avatarColor: "#aabbcc" });
    expect((await member.client.get("/api/me")).body).toEqual(changed.body);

    const empty = await member.client.patch("/api/me", {});
    expect(empty.status).toBe(400);
    const badColour = await member.client.patch("/api/me", { avatarColor: "red" });
    expect(badColour.body).toMatchObject({ error: { issues: [{ path: "avatarColor" }] } });
    expect((await agent.client.get("/api/me")).body).toMatchObject({
      kind: "agent",
      handle: "claude",
    });
  });

  it("changes the password: the old one stops working and other sessions end", async () => {
    const { current } = await startTestServer();
    const { member, agent } = await seedWorkspace(current);
    const phone = new ApiClient(current.url);
    await phone.post("/api/auth/login", { email: "member@example.com", password: PASSWORD });
    expect((await phone.get("/api/me")).status).toBe(200);

    const wrong = await member.client.post("/api/me/password", {
      currentPassword: "not my password",
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toMatchObject({ error: { code: "invalid_credentials" } });
    expect((await phone.get("/api/me")).status).toBe(200);

    const changed = await member.client.post("/api/me/password", {
      currentPassword: PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(changed.status).toBe(204);
    expect((await member.client.get("/api/me")).status).toBe(200);
    expect((await phone.get("/api/me")).status).toBe(401);

    const login = (password: string) =>
      new ApiClient(current.url).post("/api/auth/login", { email: "member@example.com", password });
    expect((await login(PASSWORD)).status).toBe(401);
    expect((await login(NEW_PASSWORD)).status).toBe(200);

    const agentTry = await agent.client.post("/api/me/password", {
      currentPassword: "x",
      newPassword: NEW_PASSWORD,
    });
    expect(agentTry.status).toBe(403);
  });

  it("lets only one of two changes racing with the same current password land", async () => {
    const { current } = await startTestServer();
    const { member } = await seedWorkspace(current);
    const laptop = new ApiClient(current.url);
    await laptop.post("/api/auth/login", { email: "member@example.com", password: PASSWORD });
    const choices = ["the laptop's new passphrase", "the other tab's new passphrase"];
    const answers = await Promise.all(
      [laptop, member.client].map((client, i) =>
        client.post("/api/me/password", { currentPassword: PASSWORD, newPassword: choices[i] }),
      ),
    );
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 204)).toHaveLength(1);
    // The other one failed: refused in the change (409), or its session or password already gone.
    const lost = answers.find((answer) => answer.status !== 204);
    expect([401, 409]).toContain(lost?.status);
    const winner = choices[statuses.indexOf(204)] as string;
    const loser = choices[1 - statuses.indexOf(204)] as string;
    const login = (password: string) =>
      new ApiClient(current.url).post("/api/auth/login", { email: "member@example.com", password });
    expect((await login(winner)).status).toBe(200);
    expect((await login(loser)).status).toBe(401);
    expect((await login(PASSWORD)).status).toBe(401);
  });
});
