import { describe, expect, it } from "vitest";
import { type IssuedToken, SharedSocketToken } from "./socket-token.ts";

/** A token server that counts requests; each token expires `lifetimeMs` after `clock.now`. */
function tokenServer(clock: { now: number }, lifetimeMs = 300_000) {
  let issued = 0;
  const request = async (): Promise<IssuedToken> => {
    issued += 1;
    const token = `token-${issued}`;
    await Promise.resolve();
    return { token, expiresAt: new Date(clock.now + lifetimeMs).toISOString() };
  };
  return { request, issued: () => issued };
}

describe("SharedSocketToken", () => {
  it("asks the server once for twenty documents authenticating together", async () => {
    const clock = { now: 1_000_000 };
    const server = tokenServer(clock);
    const tokens = new SharedSocketToken(server.request, () => clock.now);
    const all = await Promise.all(Array.from({ length: 20 }, () => tokens.get()));
    expect(new Set(all)).toEqual(new Set(["token-1"]));
    expect(await tokens.get()).toBe("token-1");
    expect(server.issued()).toBe(1);
  });

  it("asks again after the socket dropped, and before the held token expires", async () => {
    const clock = { now: 1_000_000 };
    const server = tokenServer(clock, 60_000);
    const tokens = new SharedSocketToken(server.request, () => clock.now);
    expect(await tokens.get()).toBe("token-1");
    tokens.forget();
    expect(await tokens.get()).toBe("token-2");
    clock.now += 40_000;
    expect(await tokens.get()).toBe("token-3");
  });

  it("does not keep a refusal: the next document asks again", async () => {
    let calls = 0;
    const tokens = new SharedSocketToken(async () => {
      calls += 1;
      if (calls === 1) throw new Error("unauthenticated");
      return { token: "fresh", expiresAt: new Date(Date.now() + 300_000).toISOString() };
    });
    await expect(tokens.get()).rejects.toThrow("unauthenticated");
    expect(await tokens.get()).toBe("fresh");
  });
});
