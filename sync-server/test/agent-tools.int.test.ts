// An agent's tools (MCP servers, policies, limits) over real HTTP and `ovb
// configure-agent --tools-file`: validated by name, an HTTP server's header
// value sealed at rest, never sent back (only whether one is set), not in the
// audit log nor the database file in clear, opened only for a bridge's task,
// and kept across a change only while its URL and header stay the same.
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import type { AgentToolsView } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { taskTools } from "../src/agents/agent-tools.ts";
import { SecretBox } from "../src/agents/secret-box.ts";
import { databasePath } from "../src/db/open-database.ts";
import { ovbInProcess } from "./support/ovb.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

const SECRETS_KEY = randomBytes(32).toString("base64");
const HEADER_VALUE = `Bearer mcp-${randomBytes(12).toString("hex")}`;
const DOCS = {
  name: "docs",
  transport: "http",
  url: "http://127.0.0.1:9/mcp",
  headerName: "Authorization",
};
const FILES = {
  name: "files",
  transport: "stdio",
  command: "node",
  args: ["files-server.js"],
  tools: { delete_file: "off" },
};

describe("an agent's tools over HTTP", () => {
  it("refuses malformed servers by name", async () => {
    const { current } = await startTestServer({ OPENVIBE_SECRETS_KEY: SECRETS_KEY });
    const { admin, agent } = await seedWorkspace(current);
    const path = `/api/agents/${agent.user.id}/tools`;
    const cases: [unknown, string][] = [
      [{ servers: [{ ...DOCS, url: "ftp://x/mcp" }] }, "must be an http:// or https:// URL"],
      [{ servers: [{ ...FILES, name: "Files!" }] }, "a server name is 1-20"],
      [{ servers: [FILES, FILES] }, "server names must differ"],
      [{ servers: [{ ...FILES, tools: { x: "maybe" } }] }, "servers"],
      [{ limits: { maxCallsPerReply: 0 } }, "limits"],
      [{ servers: [{ ...DOCS, headerName: null, headerValue: "x" }] }, "name the header"],
    ];
    for (const [body, message] of cases) {
      const refused = await admin.client.put(path, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(refused.body)).toContain(message);
    }
  });

  it("seals the header value, never returns it, and opens it only for a bridge's task", async () => {
    const { current, dataDir } = await startTestServer({ OPENVIBE_SECRETS_KEY: SECRETS_KEY });
    const { admin, agent } = await seedWorkspace(current);
    const path = `/api/agents/${agent.user.id}/tools`;
    const set = await admin.client.put<AgentToolsView>(path, {
      servers: [{ ...DOCS, headerValue: HEADER_VALUE }, FILES],
      limits: { maxCallsPerReply: 3 },
    });
    expect(set.status).toBe(200);
    expect(set.body.servers).toMatchObject([
      { ...DOCS, headerValueSet: true, otherTools: "allowed" },
      { ...FILES, headerValueSet: false },
    ]);
    expect(set.body.limits).toEqual({
      maxCallsPerReply: 3,
      callTimeoutMs: 30_000,
      maxResultBytes: 16_000,
      approvalTimeoutMs: 300_000,
    });
    const read = await admin.client.get<AgentToolsView>(path);
    expect(read.body).toEqual(set.body);
    const audit = await admin.client.get("/api/audit");
    expect(JSON.stringify(audit.body)).toContain('"docs":"set"');
    for (const seen of [set.body, read.body, audit.body]) {
      expect(JSON.stringify(seen)).not.toContain(HEADER_VALUE);
    }
    expect(readFileSync(databasePath(dataDir)).includes(HEADER_VALUE)).toBe(false);

    const secrets = new SecretBox(Buffer.from(SECRETS_KEY, "base64"));
    expect(taskTools(current.ctx, secrets, agent.user.id).servers[0]).toMatchObject({
      headerValue: HEADER_VALUE,
      problem: null,
    });
    const other = new SecretBox(randomBytes(32));
    expect(taskTools(current.ctx, other, agent.user.id).servers[0]).toMatchObject({
      headerValue: null,
      problem: expect.stringContaining("cannot be used"),
    });

    // Left out, the value is kept for the same URL and header; elsewhere it must be given again.
    const kept = await admin.client.put<AgentToolsView>(path, { servers: [DOCS] });
    expect(kept.body.servers[0]?.headerValueSet).toBe(true);
    const moved = await admin.client.put(path, {
      servers: [{ ...DOCS, url: "https://elsewhere.example/mcp" }],
    });
    expect(moved.status).toBe(400);
    expect(JSON.stringify(moved.body)).toContain("give the header value again");
    const cleared = await admin.client.put<AgentToolsView>(path, {
      servers: [{ ...DOCS, headerValue: null }],
    });
    expect(cleared.body.servers[0]?.headerValueSet).toBe(false);
  });

  it("refuses to store a header value without OPENVIBE_SECRETS_KEY", async () => {
    const { current } = await startTestServer();
    const { admin, agent } = await seedWorkspace(current);
    const refused = await admin.client.put(`/api/agents/${agent.user.id}/tools`, {
      servers: [{ ...DOCS, headerValue: HEADER_VALUE }],
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain("set OPENVIBE_SECRETS_KEY");
    expect(JSON.stringify(refused.body)).not.toContain(HEADER_VALUE);
  });
});

describe("ovb configure-agent --tools-file", () => {
  it("replaces the tools from a JSON file and never prints the header value", async () => {
    const { current, dataDir } = await startTestServer();
    await seedWorkspace(current);
    const file = `${dataDir}/tools.json`;
    writeFileSync(file, JSON.stringify({ servers: [{ ...DOCS, headerValue: HEADER_VALUE }] }));
    const args = ["configure-agent", "--agent", "@claude"];
    const env = { OPENVIBE_SECRETS_KEY: SECRETS_KEY };
    const done = await ovbInProcess(dataDir, [...args, "--tools-file", file, "--json"], "", env);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout).tools.servers).toMatchObject([
      { ...DOCS, headerValueSet: true },
    ]);
    expect(done.stdout + done.stderr).not.toContain(HEADER_VALUE);

    writeFileSync(file, JSON.stringify({ servers: [{ ...FILES, command: "" }] }));
    const bad = await ovbInProcess(dataDir, [...args, "--tools-file", file], "", env);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain("--tools-file servers");
  });
});
