// Access taken away by another process on the same data directory (ovb, run
// as a child process, or services opened from the test's side) reaches the
// running server through the access-change journal and closes the affected
// live connections with the same close reason as a change made in the server.
import { CLOSE_CODES } from "@openvibe/schema";
import { describe, expect, it, onTestFinished } from "vitest";
import { createApiKey } from "../src/accounts/api-keys.ts";
import { deactivateUser, setRole } from "../src/accounts/users.ts";
import type { AccessChange } from "../src/permissions/access-changes.ts";
import { startServer } from "../src/server.ts";
import { capturedLog } from "./support/captured-log.ts";
import { withDeadline } from "./support/deadline.ts";
import { ovbJson, services } from "./support/ovb.ts";
import { connectPeer, type OpenChannel } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { temporaryDataDir, testConfig } from "./support/test-server.ts";
import { PASSWORD, seedWorkspace } from "./support/workspace-fixture.ts";

async function workspace() {
  const dataDir = temporaryDataDir();
  const log = capturedLog();
  const config = testConfig(dataDir, { OPENVIBE_ACCESS_CHANGE_POLL_MS: "50" });
  const server = await startServer(config, log.logger);
  onTestFinished(() => server.close());
  const seed = await seedWorkspace(server);
  return { dataDir, server, seed, log, elsewhere: services(dataDir) };
}

/** Every channel closes, with the given reason, after `act` (deadline: 10 s). */
async function expectClosedBy(
  act: () => Promise<unknown>,
  channels: OpenChannel[],
  code: (typeof CLOSE_CODES)[keyof typeof CLOSE_CODES],
) {
  const closes = channels.map((channel, i) => withDeadline(channel.closed, `close ${i}`));
  await act();
  for (const event of await Promise.all(closes)) expect(event.reason).toBe(code.reason);
}

describe("access changes made by another process", () => {
  it("close the live connection of an API key revoked with ovb", async () => {
    const { dataDir, server, seed } = await workspace();
    const doomed = createApiKey(server.ctx, seed.admin.user, seed.agent.user, "doomed");
    const agent = connectPeer(server.websocketUrl, { token: doomed.key });
    const general = await agent.open(seed.general.id);
    await expectClosedBy(
      () => ovbJson(dataDir, ["revoke-api-key", doomed.id]),
      [general],
      CLOSE_CODES.sessionEnded,
    );
  });

  it("close a person's session connections when ovb resets their password", async () => {
    const { dataDir, server, seed } = await workspace();
    const token = await webSocketToken(seed.member.client);
    const member = connectPeer(server.websocketUrl, { token });
    const channels = await Promise.all([member.open(seed.general.id), member.open(seed.secret.id)]);
    await expectClosedBy(
      () =>
        ovbJson(
          dataDir,
          ["reset-password", "--email", "member@example.com", "--password-stdin"],
          `${PASSWORD} again\n`,
        ),
      channels,
      CLOSE_CODES.sessionEnded,
    );
  });

  it("close every connection of a person deactivated with ovb", async () => {
    const { dataDir, server, seed } = await workspace();
    const laptop = connectPeer(server.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    const channels = await Promise.all([laptop.open(seed.general.id), laptop.open(seed.secret.id)]);
    await expectClosedBy(
      () => ovbJson(dataDir, ["deactivate-user", "--user", "member@example.com"]),
      channels,
      CLOSE_CODES.sessionEnded,
    );
  });

  it("reopen a person's connections with their new rights when ovb changes their role", async () => {
    const { dataDir, server, seed } = await workspace();
    const member = connectPeer(server.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    const general = await member.open(seed.general.id);
    await expectClosedBy(
      () => ovbJson(dataDir, ["set-role", "--user", "member@example.com", "--role", "guest"]),
      [general],
      CLOSE_CODES.permissionsChanged,
    );
  });

  it("reopen a channel's connections read-only when ovb archives it, and writable again", async () => {
    const { dataDir, server, seed } = await workspace();
    const token = await webSocketToken(seed.member.client);
    const first = await connectPeer(server.websocketUrl, { token }).open(seed.general.id);
    await expectClosedBy(
      () => ovbJson(dataDir, ["archive-channel", "--channel", "town-square"]),
      [first],
      CLOSE_CODES.permissionsChanged,
    );
    const archived = await connectPeer(server.websocketUrl, { token }).attempt(seed.general.id);
    expect(archived.outcome).toEqual({ kind: "opened", scope: "readonly" });
    await expectClosedBy(
      () => ovbJson(dataDir, ["archive-channel", "--channel", "#town-square", "--unarchive"]),
      [archived.channel],
      CLOSE_CODES.permissionsChanged,
    );
    const reopened = await connectPeer(server.websocketUrl, { token }).attempt(seed.general.id);
    expect(reopened.outcome).toEqual({ kind: "opened", scope: "read-write" });
  });

  it("are delivered once, and the server's own changes are not delivered again", async () => {
    const { server, seed, elsewhere } = await workspace();
    const delivered: AccessChange[] = [];
    server.ctx.accessChanges.subscribe((change) => delivered.push(change));
    setRole(server.ctx, seed.admin.user, seed.member.user.id, "guest");
    setRole(elsewhere, seed.admin.user, seed.outsider.user.id, "guest");
    // The journal is read in order: once the later change arrives, the server's own was passed.
    await withDeadline(
      new Promise<void>((resolve) =>
        server.ctx.accessChanges.subscribe((change) => {
          if (change.kind === "role-changed" && change.userId === seed.outsider.user.id) resolve();
        }),
      ),
      "the change made elsewhere",
    );
    expect(delivered).toEqual([
      { kind: "role-changed", userId: seed.member.user.id },
      { kind: "role-changed", userId: seed.outsider.user.id },
    ]);
  });

  it("skip malformed journal rows with a warning and go on", async () => {
    const { server, seed, elsewhere, log } = await workspace();
    const insert = elsewhere.db.$client.prepare(
      "INSERT INTO access_change_journal (origin, change, created_at) VALUES ('bad', ?, ?)",
    );
    const bad = [
      insert.run("{truncated", Date.now()),
      insert.run(JSON.stringify({ kind: "api-key-revoked" }), Date.now()),
    ].map((result) => Number(result.lastInsertRowid));
    const member = connectPeer(server.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    const general = await member.open(seed.general.id);
    await expectClosedBy(
      async () => deactivateUser(elsewhere, seed.admin.user, seed.member.user.id),
      [general],
      CLOSE_CODES.sessionEnded,
    );
    const skipped = log.entries
      .filter((entry) => entry.msg === "malformed access change skipped")
      .map((entry) => ({ level: entry.level, seq: entry.seq, origin: entry.origin }));
    expect(skipped).toEqual(bad.map((seq) => ({ level: 40, seq, origin: "bad" })));
  });
});
