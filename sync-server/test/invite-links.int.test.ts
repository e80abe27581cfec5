// Invite links name the address people open: OPENVIBE_PUBLIC_URL, or the
// request's own origin only when its Host is the address the server listens
// on. A forged Host never ends up in a link (which would send invite tokens to
// someone else's site).
import { request as httpRequest } from "node:http";
import { describe, expect, it } from "vitest";
import type { ApiClient } from "./support/api-client.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

/** POST /api/invites as `admin`, with the Host header given (fetch would not send it). */
function createInvite(
  admin: ApiClient,
  host: string,
): Promise<{ status: number; body: { url?: string; error?: { code: string } } }> {
  const token = (admin as unknown as { csrfToken: string }).csrfToken;
  const cookie = (admin as unknown as { cookie: string }).cookie;
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${admin.baseUrl}/api/invites`, {
      method: "POST",
      headers: {
        Host: host,
        "Content-Type": "application/json",
        Cookie: cookie,
        "X-CSRF-Token": token,
      },
    });
    req.on("response", (response) => {
      let text = "";
      response.on("data", (chunk: Buffer) => {
        text += chunk.toString();
      });
      response.on("end", () =>
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) }),
      );
    });
    req.on("error", reject);
    req.end(JSON.stringify({ role: "member" }));
  });
}

describe("invite links", () => {
  it("come from the listening address, and are refused for any other Host", async () => {
    const test = await startTestServer();
    const server = test.current;
    const { admin } = await seedWorkspace(server);
    const port = server.port;

    const own = await createInvite(admin.client, `127.0.0.1:${port}`);
    expect(own.status).toBe(201);
    expect(own.body.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/invite/`));
    expect((await createInvite(admin.client, `localhost:${port}`)).body.url).toMatch(
      new RegExp(`^http://localhost:${port}/invite/`),
    );

    for (const host of [
      "evil.example",
      `evil.example:${port}`,
      `127.0.0.1:${port + 1}`,
      "127.0.0.1",
    ]) {
      const forged = await createInvite(admin.client, host);
      expect({ host, status: forged.status, code: forged.body.error?.code }).toEqual({
        host,
        status: 421,
        code: "public_url_required",
      });
    }
    const invites = await admin.client.get<unknown[]>("/api/invites");
    expect(invites.body).toHaveLength(2);
  });

  it("use OPENVIBE_PUBLIC_URL whatever Host the request names", async () => {
    const test = await startTestServer({ OPENVIBE_PUBLIC_URL: "https://chat.example.com" });
    const { admin } = await seedWorkspace(test.current);
    for (const host of ["evil.example", `127.0.0.1:${test.current.port}`]) {
      const created = await createInvite(admin.client, host);
      expect(created.status).toBe(201);
      expect(created.body.url).toMatch(/^https:\/\/chat\.example\.com\/invite\//);
    }
  });
});
