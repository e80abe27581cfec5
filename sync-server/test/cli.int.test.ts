// The operators' command line, run as a child process on a temporary data
// directory; effects are checked through the services on the same database
// and through a real server started on it.
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { AgentConfig, ApiKeyView, CreatedApiKey, UserView } from "@openvibe/schema";
import { describe, expect, it, onTestFinished } from "vitest";
import { resolveApiKey } from "../src/accounts/api-keys.ts";
import { getAgentConfig } from "../src/agents/agent-config.ts";
import { resolveBridgeKey } from "../src/agents/bridge-keys.ts";
import { listAudit } from "../src/audit/audit-log.ts";
import { COMMANDS } from "../src/cli/commands/index.ts";
import { databasePath } from "../src/db/open-database.ts";
import { createLogger } from "../src/logger.ts";
import { startServer } from "../src/server.ts";
import { ApiClient } from "./support/api-client.ts";
import { ovb, ovbInProcess, ovbJson, services } from "./support/ovb.ts";
import { temporaryDataDir, testConfig } from "./support/test-server.ts";

const PASSWORD = "correct horse battery";
const ADMIN_EMAIL = "ada@example.com";

async function setUp(dataDir: string): Promise<void> {
  await ovbJson(
    dataDir,
    ["setup", "--workspace", "Acme", "--email", ADMIN_EMAIL, "--name", "Ada", "--password-stdin"],
    `${PASSWORD}\n`,
  );
}

describe("ovb", () => {
  it("explains every command and its options with --help", async () => {
    const dataDir = temporaryDataDir();
    // The program itself once; each command's help in this process (same dispatcher).
    const global = await ovb(dataDir, ["--help"]);
    const runs = await Promise.all(
      COMMANDS.map((command) => ovbInProcess(dataDir, [command.name, "--help"])),
    );
    expect(global?.code).toBe(0);
    COMMANDS.forEach((command, i) => {
      expect(global?.stdout).toContain(command.name);
      const run = runs[i];
      expect(run?.code, command.name).toBe(0);
      for (const option of [...Object.keys(command.options), "json", "help"]) {
        expect(run?.stdout, command.name).toContain(`--${option}`);
      }
    });
    expect(global?.stdout).toContain("create-bridge-key");
    expect(existsSync(databasePath(dataDir))).toBe(false);
  });

  it("sets up once, creates people who sign in, and resets passwords ending sessions", async () => {
    const dataDir = temporaryDataDir();
    await setUp(dataDir);
    const again = await ovb(
      dataDir,
      [
        "setup",
        "--workspace",
        "B",
        "--email",
        "eve@example.com",
        "--name",
        "Eve",
        "--password-stdin",
      ],
      `${PASSWORD}\n`,
    );
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already set up");
    const bob = await ovbJson<UserView>(
      dataDir,
      [
        "create-user",
        "--email",
        "Bob@Example.com",
        "--name",
        "Bob",
        "--role",
        "guest",
        "--password-stdin",
      ],
      "bob's first password\r\nignored second line\n",
    );
    expect(bob).toMatchObject({ email: "bob@example.com", role: "guest", kind: "human" });

    const server = await startServer(testConfig(dataDir), createLogger("silent"));
    onTestFinished(() => server.close());
    const admin = new ApiClient(server.url);
    expect(
      (await admin.post("/api/auth/login", { email: ADMIN_EMAIL, password: PASSWORD })).status,
    ).toBe(200);
    const browser = new ApiClient(server.url);
    const login = { email: "bob@example.com", password: "bob's first password" };
    expect((await browser.post("/api/auth/login", login)).status).toBe(200);

    await ovbJson(
      dataDir,
      ["reset-password", "--user", bob.id, "--password-stdin"],
      "bob's new password\n",
    );
    expect((await browser.get("/api/auth/session")).status).toBe(401);
    expect((await browser.post("/api/auth/login", login)).status).toBe(401);
    const renewed = { ...login, password: "bob's new password" };
    expect((await browser.post("/api/auth/login", renewed)).status).toBe(200);
    expect(listAudit(server.ctx, { limit: 10 }).map((entry) => entry.action)).toEqual(
      expect.arrayContaining(["workspace.set_up", "user.created", "user.password_reset"]),
    );
  });

  it("creates an agent with an API key shown once, adds it to a channel, lists and revokes", async () => {
    const dataDir = temporaryDataDir();
    await setUp(dataDir);
    const agent = await ovbJson<UserView>(dataDir, [
      "create-agent",
      "--handle",
      "@Claude",
      "--name",
      "Claude",
    ]);
    expect(agent).toMatchObject({ handle: "claude", kind: "agent" });
    const keyRun = await ovb(dataDir, [
      "create-api-key",
      "--name",
      "bridge",
      "--agent",
      "@claude",
      "--json",
    ]);
    expect(keyRun.stderr).toContain("shown only once");
    const created = JSON.parse(keyRun.stdout) as CreatedApiKey;
    const added = await ovb(dataDir, ["add-member", "--channel", "#general", "--agent", "claude"]);
    expect(added.stdout).toContain("@claude is now a member of #general");

    const [channels, users, keys] = await Promise.all([
      ovb(dataDir, ["list-channels"]),
      ovbJson<UserView[]>(dataDir, ["list-users", "--as", "@ada"]),
      ovbJson<ApiKeyView[]>(dataDir, ["list-api-keys"]),
    ]);
    expect(channels.stdout).toMatch(/^ID\s+NAME\s+VISIBILITY\s+ARCHIVED\s+MEMBERS/);
    expect(channels.stdout).toMatch(/#general\s+public\s+-\s+2\s/);
    expect(users.map((user) => user.handle)).toEqual(["ada", "claude"]);
    expect(keys).toMatchObject([{ id: created.id, userId: agent.id, revokedAt: null }]);
    expect(keys[0]).not.toHaveProperty("key");
    const ctx = services(dataDir);
    expect(resolveApiKey(ctx, created.key)?.user.id).toBe(agent.id);

    await ovbJson(dataDir, ["revoke-api-key", created.id]);
    expect(resolveApiKey(ctx, created.key)).toBeNull();
    expect(listAudit(ctx, { limit: 10 }).map((entry) => entry.action)).toEqual(
      expect.arrayContaining([
        "agent.created",
        "api_key.created",
        "channel.member_added",
        "api_key.revoked",
      ]),
    );
  });

  it("creates a bridge key shown once, and configures an agent option by option", async () => {
    const dataDir = temporaryDataDir();
    await setUp(dataDir);
    const keyRun = await ovb(dataDir, ["create-bridge-key", "--name", "gpu-box", "--json"]);
    expect(keyRun.stderr).toContain("shown only once");
    const created = JSON.parse(keyRun.stdout) as CreatedApiKey;
    expect(created).toMatchObject({ name: "gpu-box", scope: "bridge" });
    const ctx = services(dataDir);
    expect(resolveBridgeKey(ctx, created.key)).toEqual({ apiKeyId: created.id });
    expect(resolveApiKey(ctx, created.key)).toBeNull();

    const agent = await ovbJson<UserView>(dataDir, [
      "create-agent",
      "--handle",
      "fast",
      "--name",
      "Fast",
    ]);
    const promptFile = join(dataDir, "prompt.md");
    writeFileSync(promptFile, "You answer in one sentence.\n");
    const configured = await ovbJson<AgentConfig>(dataDir, [
      ...["configure-agent", "--agent", "@fast", "--model", "claude-haiku-4-5"],
      ...["--system-prompt-file", promptFile, "--max-output-tokens", "300"],
      ...["--temperature", "0.3", "--enabled", "false", "--monthly-token-budget", "20000"],
    ]);
    const expected = {
      model: "claude-haiku-4-5",
      systemPrompt: "You answer in one sentence.\n",
      maxOutputTokens: 300,
      temperature: 0.3,
      enabled: false,
      monthlyTokenBudget: 20_000,
      provider: "anthropic",
      baseUrl: null,
      apiKeySet: false,
    };
    expect(configured).toMatchObject(expected);
    expect(getAgentConfig(ctx, agent.id)).toEqual(expected);
    const cleared = await ovb(dataDir, [
      ...["configure-agent", "--agent", "fast", "--monthly-token-budget", "none"],
      ...["--temperature", "none", "--enabled", "true"],
    ]);
    expect(cleared.stdout).toMatch(/monthly budget:\s+none/);
    expect(getAgentConfig(ctx, agent.id)).toEqual({
      ...expected,
      temperature: null,
      enabled: true,
      monthlyTokenBudget: null,
    });
    expect(listAudit(ctx, { limit: 10 }).map((entry) => entry.action)).toContain(
      "agent.configured",
    );
  });

  it("sets up exactly once when several setups start at the same moment on a new directory", async () => {
    const dataDir = temporaryDataDir();
    const setup = (name: string) =>
      ovb(
        dataDir,
        [
          "setup",
          "--workspace",
          name,
          "--email",
          `${name}@example.com`,
          "--name",
          name,
          "--password-stdin",
        ],
        `${PASSWORD}\n`,
      );
    const runs = await Promise.all(["ada", "bob", "cy", "dee"].map(setup));
    const created = runs.filter((run) => run.code === 0);
    const refused = runs.filter((run) => run.code !== 0);
    expect(created, runs.map((run) => run.stderr).join("\n")).toHaveLength(1);
    for (const run of refused) {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain("already set up");
    }
    // One process per setup at once, each opening drizzle: slow on a busy machine.
  }, 60_000);

  it("answers a wrong command line with exit code 2 and what to fix", async () => {
    const dataDir = temporaryDataDir();
    const cases: [string[], string, string?][] = [
      [["setup", "--workspace", "Acme", "--name", "Ada"], "missing --email EMAIL"],
      [
        ["create-user", "--email", "x", "--name", "X", "--role", "member"],
        "--email: enter a valid email address",
      ],
      [["create-user", "--email", "x@example.com", "--name", "X", "--role", "boss"], "--role"],
      [
        ["create-api-key", "--name", "k", "--agent", "a", "--user", "u@example.com"],
        "pass only one of",
      ],
      [["add-member", "--channel", "general"], "pass --user or --agent"],
      [["list-users", "--bogus"], "Unknown option '--bogus'"],
      [["revoke-api-key"], "missing ID"],
      [["create-bridge-key"], "missing --name NAME"],
      [["configure-agent", "--agent", "a", "--temperature", "3"], "--temperature"],
      [["configure-agent", "--agent", "a", "--enabled", "maybe"], "--enabled"],
      [["configure-agent", "--agent", "a"], "change at least one setting"],
      [["frobnicate"], 'unknown command "frobnicate"'],
      [
        ["setup", "--workspace", "A", "--email", "a@example.com", "--name", "A"],
        "pass --password-stdin",
      ],
      [
        [
          "setup",
          "--workspace",
          "A",
          "--email",
          "a@example.com",
          "--name",
          "A",
          "--password-stdin",
        ],
        "password: use at least 10 characters",
        "short\n",
      ],
    ];
    const runs = await Promise.all(
      cases.map(([args, , stdin]) => ovbInProcess(dataDir, args, stdin)),
    );
    runs.forEach((run, i) => {
      const [args, message] = cases[i] ?? [[], ""];
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr, args.join(" ")).toContain(message);
      expect(run.stdout).toBe("");
    });
  });

  it("refuses, with exit code 1, a directory without a workspace and a non-admin --as", async () => {
    const empty = temporaryDataDir();
    const missing = await ovb(empty, ["list-users"]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("--data-dir");
    expect(existsSync(databasePath(empty))).toBe(false);

    const dataDir = temporaryDataDir();
    await setUp(dataDir);
    await ovbJson(dataDir, ["create-agent", "--handle", "helper", "--name", "Helper"]);
    const [asAgent, duplicate] = await Promise.all([
      ovb(dataDir, ["list-channels", "--as", "@helper"]),
      ovb(dataDir, ["create-agent", "--handle", "helper", "--name", "Again"]),
    ]);
    expect(asAgent).toMatchObject({ code: 1, stdout: "" });
    expect(asAgent.stderr).toContain("is not an active admin");
    expect(duplicate.code).toBe(1);
    expect(duplicate.stderr).toContain("@helper is taken");
  });
});
