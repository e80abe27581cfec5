// An agent's model provider over real HTTP and `ovb configure-agent`: the
// OpenAI-compatible settings are validated (a bad base URL is refused by
// name), the API key is sealed at rest with OPENVIBE_SECRETS_KEY (refused,
// with how to set one, without it), never sent back (only whether one is
// set), not in the audit log nor the database file in clear, and given to a
// bridge only with a claimed task.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import type { AgentConfig } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { taskProvider } from "../src/agents/agent-config.ts";
import { SecretBox } from "../src/agents/secret-box.ts";
import { COMMANDS } from "../src/cli/commands/index.ts";
import { runProgram } from "../src/cli/run.ts";
import { databasePath } from "../src/db/open-database.ts";
import { startTestServer } from "./support/test-server.ts";
import { seedWorkspace } from "./support/workspace-fixture.ts";

const SECRETS_KEY = randomBytes(32).toString("base64");
const API_KEY = `sk-provider-${randomBytes(12).toString("hex")}`;
const OPENAI = { provider: "openai-compatible", baseUrl: "http://127.0.0.1:11434/v1" };

async function ovbInProcess(argv: string[], env: NodeJS.ProcessEnv) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const text = (stream: PassThrough) => stream.setEncoding("utf8").read() ?? "";
  const code = await runProgram(COMMANDS, argv, { stdin: process.stdin, stdout, stderr, env });
  return { code, stdout: text(stdout), stderr: text(stderr) };
}

describe("an agent's provider settings over HTTP", () => {
  it("refuses a bad base URL, or none for an openai-compatible agent, by name", async () => {
    const { current } = await startTestServer({ OPENVIBE_SECRETS_KEY: SECRETS_KEY });
    const { admin, agent } = await seedWorkspace(current);
    const path = `/api/agents/${agent.user.id}/config`;
    for (const baseUrl of ["localhost:11434", "ftp://models.example/v1", "http://user:pw@x/v1"]) {
      const refused = await admin.client.patch(path, { ...OPENAI, baseUrl });
      expect(refused.status).toBe(400);
      expect(JSON.stringify(refused.body)).toContain(
        "baseUrl: must be an http:// or https:// URL, like http://127.0.0.1:11434/v1",
      );
    }
    const noUrl = await admin.client.patch(path, { provider: "openai-compatible" });
    expect(noUrl.status).toBe(400);
    expect(JSON.stringify(noUrl.body)).toContain("an openai-compatible agent needs a base URL");
    const unknown = await admin.client.patch(path, { provider: "gemini" });
    expect(unknown.status).toBe(400);
    expect((await admin.client.get<AgentConfig>(path)).body.provider).toBe("anthropic");
  });

  it("seals the key, never returns it, and opens it only for a bridge's task", async () => {
    const { current, dataDir } = await startTestServer({ OPENVIBE_SECRETS_KEY: SECRETS_KEY });
    const { admin, agent } = await seedWorkspace(current);
    const path = `/api/agents/${agent.user.id}/config`;
    const set = await admin.client.patch<AgentConfig>(path, {
      ...OPENAI,
      model: "llama-3.3",
      apiKey: API_KEY,
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ ...OPENAI, model: "llama-3.3", apiKeySet: true });
    const read = await admin.client.get<AgentConfig>(path);
    expect(read.body).toEqual(set.body);
    expect(JSON.stringify(set.body) + JSON.stringify(read.body)).not.toContain(API_KEY);
    const audit = await admin.client.get("/api/audit");
    expect(JSON.stringify(audit.body)).toContain('"apiKey":"set"');
    expect(JSON.stringify(audit.body)).not.toContain(API_KEY);
    expect(readFileSync(databasePath(dataDir)).includes(API_KEY)).toBe(false);
    const secrets = new SecretBox(Buffer.from(SECRETS_KEY, "base64"));
    expect(taskProvider(current.ctx, secrets, agent.user.id)).toEqual({
      name: "openai-compatible",
      baseUrl: OPENAI.baseUrl,
      apiKey: API_KEY,
      problem: null,
    });
    // Another key does not open it: the task carries the reason instead.
    const other = new SecretBox(randomBytes(32));
    expect(taskProvider(current.ctx, other, agent.user.id)).toMatchObject({
      apiKey: null,
      problem: expect.stringContaining("does not open with OPENVIBE_SECRETS_KEY"),
    });

    // The key goes only where it was given for: a new base URL needs it again.
    const moved = await admin.client.patch(path, { baseUrl: "https://elsewhere.example/v1" });
    expect(moved.status).toBe(400);
    expect(JSON.stringify(moved.body)).toContain("give the API key again");
    const cleared = await admin.client.patch<AgentConfig>(path, {
      baseUrl: "https://elsewhere.example/v1",
      apiKey: null,
    });
    expect(cleared.body).toMatchObject({
      baseUrl: "https://elsewhere.example/v1",
      apiKeySet: false,
    });
  });

  it("refuses to store a key without OPENVIBE_SECRETS_KEY, saying how to set it", async () => {
    const { current } = await startTestServer();
    const { admin, agent } = await seedWorkspace(current);
    const path = `/api/agents/${agent.user.id}/config`;
    const refused = await admin.client.patch(path, { ...OPENAI, apiKey: API_KEY });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain("set OPENVIBE_SECRETS_KEY to 32 random bytes");
    expect(JSON.stringify(refused.body)).not.toContain(API_KEY);
    // A local endpoint without a key needs no secrets key.
    const keyless = await admin.client.patch<AgentConfig>(path, OPENAI);
    expect(keyless.body).toMatchObject({ ...OPENAI, apiKeySet: false });
  });
});

describe("ovb configure-agent", () => {
  it("sets the provider, reads the key from a file and never prints it", async () => {
    const { current, dataDir } = await startTestServer();
    await seedWorkspace(current);
    const keyFile = `${dataDir}/provider.key`;
    const { writeFileSync } = await import("node:fs");
    writeFileSync(keyFile, `${API_KEY}\n`);
    const args = ["configure-agent", "--data-dir", dataDir, "--agent", "@claude"];
    const openai = ["--provider", "openai-compatible", "--base-url", OPENAI.baseUrl];

    const withoutKey = await ovbInProcess([...args, ...openai, "--api-key-file", keyFile], {});
    expect(withoutKey.code).not.toBe(0);
    expect(withoutKey.stderr).toContain("set OPENVIBE_SECRETS_KEY");

    const badUrl = await ovbInProcess(
      [...args, "--provider", "openai-compatible", "--base-url", "localhost:1"],
      {},
    );
    expect(badUrl.code).not.toBe(0);
    expect(badUrl.stderr).toContain("--base-url: must be an http:// or https:// URL");

    const env = { OPENVIBE_SECRETS_KEY: SECRETS_KEY };
    const done = await ovbInProcess([...args, ...openai, "--api-key-file", keyFile, "--json"], env);
    expect(done.code, done.stderr).toBe(0);
    expect(JSON.parse(done.stdout)).toMatchObject({ ...OPENAI, apiKeySet: true });
    expect(done.stdout + done.stderr).not.toContain(API_KEY);
    const shown = await ovbInProcess([...args, "--clear-api-key"], env);
    expect(shown.stdout).toMatch(/API key:\s+none/);

    const badSecretsKey = await ovbInProcess([...args, "--model", "m"], {
      OPENVIBE_SECRETS_KEY: "not-a-key",
    });
    expect(badSecretsKey.code).not.toBe(0);
    expect(badSecretsKey.stderr).toContain("OPENVIBE_SECRETS_KEY must be 32 bytes in base64");
    expect(badSecretsKey.stderr).not.toContain("not-a-key");
  });
});
