// Sign-in throttling over real HTTP: failures lock out only the address that
// made them, and X-Forwarded-For names that address only from a trusted proxy.
import { describe, expect, it } from "vitest";
import { createUser } from "../src/accounts/users.ts";
import { setUpWorkspace } from "../src/workspace/workspace.ts";
import { startTestServer } from "./support/test-server.ts";

const PASSWORD = "correct horse battery staple";

async function workspace(overrides: Record<string, string>) {
  const test = await startTestServer(overrides);
  const server = test.current;
  await setUpWorkspace(server.ctx, {
    workspaceName: "Acme",
    email: "admin@example.com",
    displayName: "admin",
    password: PASSWORD,
  });
  await createUser(server.ctx, {
    kind: "human",
    role: "member",
    email: "ada@example.com",
    displayName: "Ada",
    password: PASSWORD,
  });
  const signIn = (password: string, forwardedFor?: string) =>
    fetch(`${server.url}/api/auth/login`, {
      method: "POST",
      headers: {
        "Content-Type": "application/json",
        ...(forwardedFor === undefined ? {} : { "X-Forwarded-For": forwardedFor }),
      },
      body: JSON.stringify({ email: "ada@example.com", password }),
    });
  return { signIn };
}

describe("sign-in throttling", () => {
  it("locks out the address that guessed, not the owner signing in from elsewhere", async () => {
    const { signIn } = await workspace({ OPENVIBE_TRUSTED_PROXIES: "127.0.0.1" });
    for (let i = 0; i < 5; i++) {
      expect((await signIn(`guess ${i}`, "203.0.113.66")).status).toBe(401);
    }
    const blocked = await signIn(PASSWORD, "203.0.113.66");
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await blocked.json()).toMatchObject({ error: { code: "rate_limited" } });
    // The proxy appends the real client; what the client wrote before it does not count.
    expect((await signIn(PASSWORD, "203.0.113.66, 198.51.100.7")).status).toBe(200);
    expect((await signIn(PASSWORD, "192.0.2.10")).status).toBe(200);
  });

  it("does not let a caller choose its address with X-Forwarded-For when no proxy is trusted", async () => {
    const { signIn } = await workspace({});
    for (let i = 0; i < 5; i++) {
      expect((await signIn(`guess ${i}`, `203.0.113.${i}`)).status).toBe(401);
    }
    expect((await signIn(PASSWORD, "198.51.100.7")).status).toBe(429);
  });
});
