// One strict JSON body parser for every route: a byte-order mark, trailing
// garbage, bad UTF-8 or another content type is refused with a JSON 4xx, on
// routes that read a body and on routes that take none.
import { describe, expect, it } from "vitest";
import { useSharedTestServer } from "./support/test-server.ts";
import { type SeededWorkspace, seedWorkspace } from "./support/workspace-fixture.ts";

const JSON_TYPE = { "Content-Type": "application/json" };

function errorCode(text: string): string {
  return (JSON.parse(text) as { error: { code: string } }).error.code;
}

describe("strict request bodies", () => {
  const server = useSharedTestServer();
  let seed: SeededWorkspace;
  const seeded = async () => {
    seed ??= await seedWorkspace(server());
    return seed;
  };

  it("refuses a JSON body behind a byte-order mark, and creates nothing", async () => {
    const { admin } = await seeded();
    const body = `\uFEFF${JSON.stringify({ role: "member" })}`;
    const answer = await admin.client.raw("POST", "/api/invites", body, JSON_TYPE);
    expect(answer.status).toBe(400);
    expect(errorCode(answer.text)).toBe("invalid_json");
    const invites = await admin.client.get<unknown[]>("/api/invites");
    expect(invites.body).toEqual([]);
    // The same body without the mark works.
    const plain = await admin.client.raw("POST", "/api/invites", body.slice(1), JSON_TYPE);
    expect(plain.status).toBe(201);
  });

  it("refuses trailing garbage, bad UTF-8, other content types and charsets", async () => {
    const { member } = await seeded();
    const cases: {
      body: string | Uint8Array<ArrayBuffer>;
      headers: Record<string, string>;
      code: string;
    }[] = [
      { body: '{"displayName": "x"} {}', headers: JSON_TYPE, code: "invalid_json" },
      {
        body: new Uint8Array([0x7b, 0x22, 0xff, 0x22, 0x3a, 0x31, 0x7d]),
        headers: JSON_TYPE,
        code: "invalid_json",
      },
      {
        body: '{"displayName": "x"}',
        headers: { "Content-Type": "text/plain" },
        code: "unsupported_media_type",
      },
      {
        body: '{"displayName": "x"}',
        headers: { "Content-Type": "application/json; charset=latin1" },
        code: "unsupported_media_type",
      },
      {
        body: '{"displayName": "x"}',
        headers: { "Content-Type": "application/jsonx" },
        code: "unsupported_media_type",
      },
    ];
    for (const { body, headers, code } of cases) {
      const answer = await member.client.raw("PATCH", "/api/me", body, headers);
      expect({ status: answer.status, code: errorCode(answer.text) }).toEqual({
        status: code === "invalid_json" ? 400 : 415,
        code,
      });
    }
    const me = await member.client.get<{ displayName: string }>("/api/me");
    expect(me.body.displayName).toBe("member");
  });

  it("refuses malformed bodies on routes that take none (ws-token, logout), and keeps the session", async () => {
    const { guest } = await seeded();
    for (const path of ["/api/auth/ws-token", "/api/auth/logout"]) {
      const broken = await guest.client.raw("POST", path, "{", JSON_TYPE);
      expect(broken.status).toBe(400);
      expect(errorCode(broken.text)).toBe("invalid_json");
      const form = await guest.client.raw("POST", path, "a=b", {
        "Content-Type": "application/x-www-form-urlencoded",
      });
      expect(form.status).toBe(415);
    }
    const token = await guest.client.raw("POST", "/api/auth/ws-token");
    expect(token.status).toBe(200);
    expect((await guest.client.get("/api/me")).status).toBe(200);
  });
});
