// First run and the session lifecycle over real HTTP.
import { describe, expect, it } from "vitest";
import { ApiClient } from "./support/api-client.ts";
import { startTestServer } from "./support/test-server.ts";

const ADMIN = {
  workspaceName: "Acme",
  email: "ada@example.com",
  displayName: "Ada",
  password: "correct horse battery",
};

describe("setup and sessions", () => {
  it("sets up the workspace once, signing the first admin in", async () => {
    const { current } = await startTestServer();
    const browser = new ApiClient(current.url);
    expect((await browser.get("/api/setup")).body).toEqual({ setUp: false });
    const setup = await browser.post<{ user: { role: string; handle: string } }>(
      "/api/setup",
      ADMIN,
    );
    expect(setup.status).toBe(201);
    expect(setup.body.user).toMatchObject({ role: "admin", handle: "ada" });
    expect((await browser.get("/api/setup")).body).toEqual({ setUp: true });
    expect((await browser.get("/api/auth/session")).status).toBe(200);

    const intruder = new ApiClient(current.url);
    const again = await intruder.post("/api/setup", { ...ADMIN, email: "eve@example.com" });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ error: { code: "already_set_up" } });
  });

  it("signs in, refuses writes without the CSRF token, and signs out", async () => {
    const { current } = await startTestServer();
    await new ApiClient(current.url).post("/api/setup", ADMIN);
    const browser = new ApiClient(current.url);
    const wrong = await browser.post("/api/auth/login", {
      email: ADMIN.email,
      password: "nope nope nope",
    });
    expect(wrong.status).toBe(401);
    const unknown = await browser.post("/api/auth/login", {
      email: "who@example.com",
      password: "nope nope nope",
    });
    expect(unknown.body).toEqual(wrong.body);

    expect(
      (
        await browser.post("/api/auth/login", {
          email: "ADA@example.com",
          password: ADMIN.password,
        })
      ).status,
    ).toBe(200);
    expect((await browser.post("/api/auth/ws-token")).status).toBe(200);
    browser.dropCsrfToken();
    expect((await browser.post("/api/auth/ws-token")).body).toMatchObject({
      error: { code: "csrf_failed" },
    });
    const session = await browser.get<{ csrfToken: string }>("/api/auth/session");
    expect(session.status).toBe(200);
    expect((await browser.post("/api/auth/logout")).status).toBe(204);
    expect((await browser.get("/api/auth/session")).status).toBe(401);
  });

  it("answers bad bodies with every problem by field", async () => {
    const { current } = await startTestServer();
    const response = await new ApiClient(current.url).post("/api/setup", {
      workspaceName: "",
      email: "x",
      password: "short",
    });
    expect(response.status).toBe(400);
    expect(response.body).toMatchObject({ error: { code: "validation_failed" } });
    const fields = (response.body as { error: { issues: { path: string }[] } }).error.issues.map(
      (i) => i.path,
    );
    expect(fields).toEqual(
      expect.arrayContaining(["workspaceName", "email", "password", "displayName"]),
    );
  });
});
