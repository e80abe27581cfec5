// ovb import-slack with a synthetic export in Slack's layout: a freshly set-up workspace gets
// Slack's channels (public, private, archived), threads and replies, edits, reactions and files
// as links; Slack's people become placeholders whose invites claim them, and a claimed account
// edits its imported message through the real server. Damaged archives change nothing.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type Actor,
  type ChannelView,
  type CreatedInvite,
  type ExportFile,
  editMessage,
  getMessage,
  threadDocumentName,
  threadView,
  type UserView,
} from "@openvibe/schema";
import { describe, expect, it, onTestFinished } from "vitest";
import { createLogger } from "../src/logger.ts";
import { startServer } from "../src/server.ts";
import { ApiClient } from "./support/api-client.ts";
import { ovb, ovbJson } from "./support/ovb.ts";
import { connectPeer } from "./support/peers.ts";
import { slackExport } from "./support/slack-export.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { openSplitChannel } from "./support/split-channel-reader.ts";
import { temporaryDataDir, testConfig } from "./support/test-server.ts";
import { PASSWORD } from "./support/workspace-fixture.ts";

interface Invited {
  userId: string;
  handle: string;
  email: string | null;
  inviteUrl: string;
}

async function setUp(): Promise<string> {
  const dataDir = temporaryDataDir();
  const run = await ovb(
    dataDir,
    [
      "setup",
      "--workspace",
      "Acme",
      "--email",
      "admin@example.com",
      "--name",
      "Admin",
      "--password-stdin",
    ],
    `${PASSWORD}\n`,
  );
  expect(run.code, run.stderr).toBe(0);
  return dataDir;
}

function zipFile(bytes: Uint8Array, name = "slack.zip"): string {
  const path = join(temporaryDataDir(), name);
  writeFileSync(path, bytes);
  return path;
}

describe("ovb import-slack", () => {
  it("brings channels, threads, replies, edits, reactions and files; placeholders claim their accounts", async () => {
    const dataDir = await setUp();
    const result = await ovbJson<{ messages: number; invites: Invited[]; skippedMessages: number }>(
      dataDir,
      ["import-slack", zipFile(slackExport()), "--url", "https://chat.example"],
    );
    expect(result.invites.map((i) => i.handle).sort()).toEqual(["ben.builder", "cy"]);
    expect(result.invites.find((i) => i.handle === "cy")?.email).toBe("cy@slack.example");
    expect(result.skippedMessages).toBe(2); // the join and the bot's message
    expect(result.messages).toBe(7);

    const config = testConfig(dataDir);
    const server = await startServer(config, createLogger(config.logLevel));
    onTestFinished(() => server.close());
    const admin = new ApiClient(server.url);
    expect(
      (await admin.post("/api/auth/login", { email: "admin@example.com", password: PASSWORD }))
        .status,
    ).toBe(200);
    const channels = (await admin.get<ChannelView[]>("/api/channels")).body;
    expect(channels.map((c) => [c.name, c.visibility, c.archived]).sort()).toEqual([
      ["general", "public", false],
      ["leads", "private", false],
      ["old-projects", "public", true],
    ]);
    const general = channels.find((c) => c.name === "general");
    if (general === undefined) throw new Error("no #general");

    const peer = connectPeer(server.websocketUrl, { token: await webSocketToken(admin) });
    // The import wrote the split layout: the index lists the threads, each has its document.
    const imported = await openSplitChannel(peer, general.id);
    const threads = imported.index;
    expect(threads.map((t) => t.title).sort()).toEqual([
      "2024-03-01",
      "2024-03-02",
      "Release plan for Friday",
    ]);
    const release = threads.find((t) => t.title === "Release plan for Friday");
    const channel = imported.thread(release?.id ?? "");
    const lines = threadView(channel.doc, release?.id ?? "")?.messages ?? [];
    expect(lines.map((m) => m.body)).toEqual([
      "Release plan for Friday\nDetails below",
      "Sounds good @ben.builder, see [the plan](https://example.com/plan)",
      "Updated the checklist",
    ]);
    expect(lines[0]?.reactions).toEqual([expect.objectContaining({ emoji: "👍", count: 2 })]);
    expect(lines[2]?.editedAt).not.toBeNull();
    const day1 = threads.find((t) => t.title === "2024-03-01");
    expect(
      threadView(imported.thread(day1?.id ?? "").doc, day1?.id ?? "")?.messages.map((m) => m.body),
    ).toEqual(["Morning all & welcome"]);
    const day2 = threads.find((t) => t.title === "2024-03-02");
    const shared = threadView(imported.thread(day2?.id ?? "").doc, day2?.id ?? "")?.messages[0];
    expect(shared?.body).toBe(
      "Slides attached\n\n📎 [Quarterly slides](https://acme.slack.com/files/U04GONE/F1/slides.pdf)",
    );
    expect(shared?.reactions.map((r) => r.emoji)).toEqual(["🎉"]);

    // Ben claims his placeholder with the invite and edits what he wrote in Slack.
    const ben = result.invites.find((i) => i.handle === "ben.builder");
    const token = ben?.inviteUrl.split("/invite/")[1] ?? "";
    expect(ben?.inviteUrl.startsWith("https://chat.example/invite/ovi_")).toBe(true);
    const browser = new ApiClient(server.url);
    const accepted = await browser.post<{ user: { id: string } }>("/api/invites/accept", {
      token,
      email: "ben@new.example",
      displayName: "Ben B.",
      password: PASSWORD,
    });
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    expect(accepted.body.user.id).toBe(ben?.userId);
    expect(
      (
        await browser.post("/api/invites/accept", {
          token,
          email: "x@y.example",
          displayName: "X",
          password: PASSWORD,
        })
      ).status,
    ).toBe(410);
    const benActor: Actor = { kind: "human", id: ben?.userId ?? "" };
    const benPeer = connectPeer(server.websocketUrl, { token: await webSocketToken(browser) });
    const benChannel = await benPeer.openDocument(
      threadDocumentName(general.id, release?.id ?? ""),
    );
    const checklist = lines[2]?.id ?? "";
    editMessage(benChannel.doc, benActor, {
      messageId: checklist,
      body: "Updated the checklist (v2)",
    });
    await benChannel.acknowledged();
    await channel.until(
      "Ben's edit",
      () => getMessage(channel.doc, checklist)?.body === "Updated the checklist (v2)",
    );

    // The admin sees who has not claimed their account yet, and makes a new link for one.
    const people = (await admin.get<UserView[]>("/api/users")).body;
    const cy = people.find((u) => u.handle === "cy");
    expect(cy?.placeholder).toBe(true);
    expect(people.find((u) => u.handle === "ben.builder")?.placeholder).toBeUndefined();
    const link = await admin.post<CreatedInvite>(`/api/users/${cy?.id}/claim-invite`, {});
    expect(link.status).toBe(201);
    expect(link.body.invite).toMatchObject({ role: "guest", maxUses: 1 });
    expect((await browser.get<UserView[]>("/api/users")).body.some((u) => u.placeholder)).toBe(
      false,
    );
    expect((await browser.post(`/api/users/${cy?.id}/claim-invite`, {})).status).toBe(403);
    const self = people.find((u) => u.email === "admin@example.com");
    expect((await admin.post(`/api/users/${self?.id}/claim-invite`, {})).status).toBe(409);

    const leads = channels.find((c) => c.name === "leads");
    const secret = await openSplitChannel(peer, leads?.id ?? "");
    const [hiring] = secret.index;
    expect(
      threadView(secret.thread(hiring?.id ?? "").doc, hiring?.id ?? "")?.messages[0]?.body,
    ).toBe("Hiring plan #general");
  }, 120_000);

  it("refuses damaged archives and files, leaving the workspace as it was", async () => {
    const dataDir = await setUp();
    const snapshot = async () => {
      const run = await ovb(dataDir, ["export"]);
      expect(run.code, run.stderr).toBe(0);
      return { ...(JSON.parse(run.stdout) as ExportFile), exportedAt: "" };
    };
    const before = await snapshot();
    const good = slackExport();
    const cases: [string, string[], string][] = [
      [
        zipFile(good.slice(0, Math.floor(good.length * 0.6)), "truncated.zip"),
        [],
        "not a readable zip archive",
      ],
      [
        zipFile(new TextEncoder().encode("not a zip at all"), "text.zip"),
        [],
        "not a readable zip archive",
      ],
      [zipFile(slackExport({ omit: ["users.json"] }), "nousers.zip"), [], "users.json is missing"],
      [
        zipFile(
          slackExport({ files: { "general/2024-03-02.json": '[{"type": "message", "ts": ' } }),
          "badday.zip",
        ),
        [],
        "general/2024-03-02.json is not valid JSON",
      ],
      [
        zipFile(slackExport({ files: { "channels.json": '[{"name": 3}]' } }), "badchannels.zip"),
        [],
        "channels.json: 0.id",
      ],
      [zipFile(good, "budget.zip"), ["--disk-budget", "100"], "more than the budget of 100"],
    ];
    for (const [path, extra, why] of cases) {
      const run = await ovb(dataDir, ["import-slack", path, ...extra]);
      expect(run.code, path).toBe(1);
      expect(run.stderr, path).toContain(why);
      expect(run.stderr, path).toContain("the workspace is unchanged");
    }
    // Not next to a running server: it may hold #general in memory.
    const config = testConfig(dataDir);
    const running = await startServer(config, createLogger(config.logLevel));
    const refused = await ovb(dataDir, ["import-slack", zipFile(good, "live.zip")]);
    await running.close();
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("is running on");
    expect(await snapshot()).toEqual(before);
    // Once imported, a second import would pour into channels that hold conversations: refused.
    expect((await ovb(dataDir, ["import-slack", zipFile(good, "first.zip")])).code).toBe(0);
    const imported = await snapshot();
    const again = await ovb(dataDir, ["import-slack", zipFile(good, "again.zip")]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("#general exists here and holds conversations");
    expect(await snapshot()).toEqual(imported);
  }, 120_000);
});
