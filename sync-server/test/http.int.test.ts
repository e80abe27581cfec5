// The HTTP side of the real server: health, JSON errors, the built client.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import packageJson from "../package.json" with { type: "json" };
import { createLogger } from "../src/logger.ts";
import { startServer } from "../src/server.ts";
import { startTestServer, temporaryDataDir, testConfig } from "./support/test-server.ts";

describe("HTTP", () => {
  it("answers /health with the version and uptime", async () => {
    const { current } = await startTestServer();
    const response = await fetch(`${current.url}/health`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { uptimeSeconds: number };
    expect(body).toMatchObject({ status: "ok", version: packageJson.version });
    expect(body.uptimeSeconds).toBeGreaterThanOrEqual(0);
  });

  it("answers unknown routes with a JSON 404", async () => {
    const { current } = await startTestServer();
    const response = await fetch(`${current.url}/api/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: { code: "not_found", message: "no API route GET /api/nope" },
    });
  });

  it("serves the built client, and its shell for client-side routes", async () => {
    const dataDir = temporaryDataDir();
    const clientDir = join(dataDir, "client");
    mkdirSync(clientDir);
    writeFileSync(join(clientDir, "index.html"), "<!doctype html><title>OpenVibe</title>");
    const server = await startServer(
      testConfig(dataDir, { OPENVIBE_CLIENT_DIR: clientDir }),
      createLogger("silent"),
    );
    try {
      for (const path of ["/", "/channels/general"]) {
        const response = await fetch(`${server.url}${path}`);
        expect(response.status).toBe(200);
        expect(await response.text()).toContain("<title>OpenVibe</title>");
      }
      expect((await fetch(`${server.url}/health`)).headers.get("x-content-type-options")).toBe(
        "nosniff",
      );
    } finally {
      await server.close();
    }
  });
});
