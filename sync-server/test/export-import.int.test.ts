// Export and import as an operator uses them: `ovb export` next to a live server with threads,
// forks, edits, deletions, reactions, pins and an agent reply; `ovb import` into a fresh data
// directory; a second export equals the first (ids are kept); the real server then serves the
// imported channels to a real provider, the same as before, and accepts their authors' edits.
// Bad files (truncated, unknown version, malformed, inconsistent, too big for the disk) are
// refused with a clear message and leave the data directory without a workspace. Files move
// with `--files`: the new server serves their bytes and thumbnails; bytes that do not match
// their hash are refused, missing ones reported.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type Actor,
  appendToReply,
  createFork,
  deleteMessage,
  EXPORT_VERSION,
  type ExportFile,
  editMessage,
  finishAgentReply,
  finishToolStep,
  forkView,
  getMessage,
  listThreads,
  pinMessage,
  postMessage,
  react,
  resolveFork,
  startAgentReply,
  startToolStep,
  threadDocumentName,
  threadView,
} from "@openvibe/schema";
import sharp from "sharp";
import { describe, expect, it, onTestFinished } from "vitest";
import type * as Y from "yjs";
import { createApiKey } from "../src/accounts/api-keys.ts";
import { createLogger } from "../src/logger.ts";
import { startServer } from "../src/server.ts";
import { isSetUp } from "../src/workspace/workspace.ts";
import { ApiClient } from "./support/api-client.ts";
import { channelReplica } from "./support/channel-replica.ts";
import { ovb, ovbInProcess, ovbJson, services } from "./support/ovb.ts";
import { connectPeer, type Peer } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { openSplitChannel } from "./support/split-channel-reader.ts";
import { startTestServer, temporaryDataDir, testConfig } from "./support/test-server.ts";
import { attachmentFor, uploadWhole } from "./support/uploads.ts";
import { PASSWORD, seedWorkspace } from "./support/workspace-fixture.ts";

const withoutTime = (file: ExportFile) => ({ ...file, exportedAt: "" });

async function serverOn(dataDir: string) {
  const config = testConfig(dataDir);
  const server = await startServer(config, createLogger(config.logLevel));
  onTestFinished(() => server.close());
  return server;
}

/** A server on an imported data directory, and the member signed in there with a new password. */
async function memberOnImported(dataDir: string) {
  const reset = await ovb(
    dataDir,
    ["reset-password", "--email", "member@example.com", "--password-stdin"],
    `${PASSWORD}\n`,
  );
  expect(reset.code, reset.stderr).toBe(0);
  const server = await serverOn(dataDir);
  const client = new ApiClient(server.url);
  expect(
    (await client.post("/api/auth/login", { email: "member@example.com", password: PASSWORD }))
      .status,
  ).toBe(200);
  return { server, client };
}

/** Every view a reader gets of a channel: threads, their lines, forks. */
function views(doc: Y.Doc) {
  return listThreads(doc).map((thread) => {
    const view = threadView(doc, thread.id);
    return {
      thread,
      view,
      forks: (view?.messages ?? []).flatMap((m) => m.forks.map((f) => forkView(doc, f.forkId))),
    };
  });
}

/** Views in thread id order: the index lists threads by activity, which a digest may reorder. */
function byThread(list: ReturnType<typeof views>) {
  return [...list].sort((a, b) => a.thread.id.localeCompare(b.thread.id));
}

/** `views` of a channel in the split layout, each thread from its own document. */
async function splitViews(peer: Peer, channelId: string) {
  const { threads, thread } = await openSplitChannel(peer, channelId);
  return { views: [...threads.values()].flatMap((t) => views(t.doc)), thread };
}

describe("export and import", () => {
  it("round-trips a workspace through ovb export and ovb import, and the server serves it", async () => {
    const server = await startTestServer();
    const seed = await seedWorkspace(server.current);
    const member: Actor = { kind: "human", id: seed.member.user.id };
    const agent: Actor = { kind: "agent", id: seed.agent.user.id };
    const memberPeer = connectPeer(server.current.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    const agentPeer = connectPeer(server.current.websocketUrl, { token: seed.agent.apiKey });
    // Written as clients write a split channel: each thread in its own thread document.
    const channel = channelReplica(memberPeer, seed.general.id);
    const { threadId, messageId: first } = await channel.createThread(member, {
      title: "Launch plan",
      body: "What do we ship **first**?",
    });
    const launch = channel.doc(threadId);
    const second = postMessage(launch, member, { threadId, body: "The importer, surely" });
    editMessage(launch, member, { messageId: second, body: "The importer, certainly" });
    const gone = postMessage(launch, member, { threadId, body: "oops, wrong thread" });
    deleteMessage(launch, member, { messageId: gone });
    react(launch, member, { messageId: first, emoji: "🎉" });
    pinMessage(launch, member, { messageId: first });
    const forkId = createFork(launch, member, {
      messageId: first,
      title: "Naming",
      body: "Call it export?",
    });
    postMessage(launch, member, { threadId, forkId, body: "Export it is" });
    resolveFork(launch, member, { forkId, resolution: "We call it export." });
    const other = await channel.createThread(member, { title: "Lunch", body: "Pizza?" });
    await channel.acknowledged();

    // The agent writes into the thread documents of the threads it takes part in.
    const agentChannel = channelReplica(agentPeer, seed.general.id);
    const agentLaunch = await agentChannel.open(threadId);
    await agentLaunch.until(
      "the member's thread",
      () => getMessage(agentLaunch.doc, first) !== undefined,
    );
    react(agentLaunch.doc, agent, { messageId: first, emoji: "👍" });
    const agentLunch = await agentChannel.open(other.threadId);
    await agentLunch.until(
      "the member's other thread",
      () => threadView(agentLunch.doc, other.threadId) !== undefined,
    );
    const lunch = agentLunch.doc;
    const taskId = "01JTASKEXPORTTEST000000000";
    const reply = startAgentReply(lunch, agent, {
      threadId: other.threadId,
      taskId,
      model: "claude-sonnet-5-5",
    });
    appendToReply(lunch, agent, {
      messageId: reply,
      taskId,
      text: "Pizza, with a side of ",
    });
    appendToReply(lunch, agent, { messageId: reply, taskId, text: "salad." });
    const stepId = startToolStep(lunch, agent, {
      messageId: reply,
      taskId,
      tool: "search_messages",
      input: { query: "pizza" },
    });
    finishToolStep(lunch, agent, {
      stepId,
      status: "ok",
      summary: "1 message",
      result: "1. #general › Lunch: Pizza?",
      durationMs: 4,
    });
    finishAgentReply(lunch, agent, {
      messageId: reply,
      taskId,
      status: "completed",
      usage: { inputTokens: 321, outputTokens: 12 },
    });
    await agentChannel.acknowledged();
    const memberLunch = channel.thread(other.threadId);
    await memberLunch.until(
      "the agent's reply",
      () => getMessage(memberLunch.doc, reply)?.task?.status === "completed",
    );
    const secret = channelReplica(memberPeer, seed.secret.id);
    const quiet = await secret.createThread(member, { title: "Quiet", body: "private words" });
    await secret.acknowledged();
    const before = {
      general: byThread([threadId, other.threadId].flatMap((id) => views(channel.doc(id)))),
      secret: views(secret.doc(quiet.threadId)),
    };
    const remembered = await seed.member.client.request(
      "POST",
      `/api/channels/${seed.general.id}/context-items`,
      { kind: "fact", text: "Lunch is pizza", scope: "workspace", threadId, messageId: first },
    );
    expect(remembered.status).toBe(201);

    // Exported while the server runs.
    const dir = temporaryDataDir();
    const first_ = join(dir, "first.json");
    const exported = await ovb(server.dataDir, ["export", "--out", first_]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain("export: 1/");
    const markdown = await ovb(server.dataDir, ["export", "--format", "markdown"]);
    expect(markdown.code, markdown.stderr).toBe(0);
    expect(markdown.stdout).toContain("### Launch plan");
    expect(markdown.stdout).toContain("The importer, certainly");
    expect(markdown.stdout).toContain("claude-sonnet-5-5, 321 tokens in / 12 out");
    expect(markdown.stdout).toContain("**Fork: Naming** (resolved)");
    expect(markdown.stdout).toContain("🎉 1  👍 1");
    const file = JSON.parse(readFileSync(first_, "utf8")) as ExportFile;
    expect(file).toMatchObject({ format: "openvibe-export", version: 3 });
    const general = file.channels.find((c) => c.id === seed.general.id);
    // The edited message's earlier text comes along (and goes back in with the import below).
    expect(general?.content.messageVersions).toEqual([
      expect.objectContaining({ messageId: second, body: "The importer, surely", by: member }),
    ]);
    expect(general?.content.messages.find((m) => m.id === reply)?.task).toMatchObject({
      model: "claude-sonnet-5-5",
      usage: { inputTokens: 321, outputTokens: 12 },
    });
    // The reply's tool step, the fork's resolution (an item of its thread), a workspace item.
    expect(general?.content.toolSteps).toMatchObject([{ id: stepId, tool: "search_messages" }]);
    expect(general?.contextItems).toMatchObject([
      { text: "We call it export.", threadId, source: "fork", sourceForkId: forkId },
    ]);
    expect(file.contextItems).toMatchObject([{ text: "Lunch is pizza", threadId: null }]);
    const oneChannel = await ovb(server.dataDir, ["export", "--channel", "secret-plans"]);
    expect(oneChannel.code, oneChannel.stderr).toBe(0);
    expect((JSON.parse(oneChannel.stdout) as ExportFile).channels.map((c) => c.name)).toEqual([
      "secret-plans",
    ]);

    // Imported into a fresh data directory, then exported again: the same file.
    const fresh = temporaryDataDir();
    const imported = await ovb(fresh, ["import", first_]);
    expect(imported.code, imported.stderr).toBe(0);
    const again = await ovb(fresh, ["export"]);
    expect(again.code, again.stderr).toBe(0);
    expect(withoutTime(JSON.parse(again.stdout) as ExportFile)).toEqual(withoutTime(file));

    // The real server serves the imported channels as they were, and their authors write on.
    const { server: restarted, client: signedIn } = await memberOnImported(fresh);
    const reader = connectPeer(restarted.websocketUrl, { token: await webSocketToken(signedIn) });
    // The import wrote the split layout: a thread index and one document per thread.
    const reopened = await splitViews(reader, seed.general.id);
    const reopenedSecret = await splitViews(reader, seed.secret.id);
    expect({ general: byThread(reopened.views), secret: reopenedSecret.views }).toEqual(before);
    const thread = reopened.thread(threadId);
    editMessage(thread.doc, member, { messageId: second, body: "The importer, after the move" });
    postMessage(thread.doc, member, { threadId, body: "Still here" });
    await thread.acknowledged();
    const watcher = connectPeer(restarted.websocketUrl, { token: await webSocketToken(signedIn) });
    const seen = await watcher.openDocument(threadDocumentName(seed.general.id, threadId));
    await seen.until(
      "the edit after the import",
      () => threadView(seen.doc, threadId)?.messages.some((m) => m.body === "Still here") === true,
    );
    expect(getMessage(seen.doc, second)?.body).toBe("The importer, after the move");
    // Everyone else claims their account with a link; the member has a password now.
    const links = await ovbJson<{ handle: string; email: string | null; inviteUrl: string }[]>(
      fresh,
      ["invite-placeholders", "--url", restarted.url],
    );
    expect(links.map((l) => l.email).sort()).toEqual([
      "admin@example.com",
      "guest@example.com",
      "outsider@example.com",
    ]);
    const guestLink = links.find((l) => l.email === "guest@example.com")?.inviteUrl ?? "";
    const guest = new ApiClient(restarted.url);
    const claimed = await guest.post<{ user: { id: string; role: string } }>(
      "/api/invites/accept",
      {
        token: guestLink.split("/invite/")[1],
        email: "guest@example.com",
        displayName: "Guest, again",
        password: PASSWORD,
      },
    );
    expect(claimed.status).toBe(201);
    expect(claimed.body.user).toMatchObject({ id: seed.guest.user.id, role: "guest" });
    const again_ = await ovb(fresh, ["invite-placeholders", "--user", "guest@example.com"]);
    expect(again_.code).toBe(1);
    expect(again_.stderr).toContain("not an active placeholder");
    const search = await signedIn.get<{ hits: unknown[] }>("/api/search?q=pizza");
    expect(search.status).toBe(200);
    expect(search.body.hits.length).toBeGreaterThan(0);
  }, 120_000);

  it("moves the files with --files: the new server serves them; corrupt bytes are refused, missing ones reported", async () => {
    const server = await startTestServer();
    const seed = await seedWorkspace(server.current);
    const member: Actor = { kind: "human", id: seed.member.user.id };
    const peer = connectPeer(server.current.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    const channel = channelReplica(peer, seed.general.id);
    const image = await sharp({
      create: { width: 900, height: 600, channels: 3, background: "#36c" },
    })
      .png()
      .toBuffer();
    const notes = Buffer.from("Minutes of the move\n- files come along\n");
    const spoilt = Buffer.from("these bytes will rot on the way\n");
    const records = {
      image: attachmentFor("photo-1", "view.png", "image/png", image),
      notes: attachmentFor("notes-1", "notes.txt", "text/plain", notes),
      spoilt: attachmentFor("spoilt-1", "spoilt.txt", "text/plain", spoilt),
      // Posted (as offline) but never uploaded: the store has no bytes for it.
      lost: attachmentFor("lost-1", "lost.txt", "text/plain", Buffer.from("never sent")),
    };
    for (const [record, bytes] of [
      [records.image, image],
      [records.notes, notes],
      [records.spoilt, spoilt],
    ] as const) {
      expect((await uploadWhole(seed.member.client, seed.general.id, record, bytes)).status).toBe(
        200,
      );
    }
    const { threadId } = await channel.createThread(member, { title: "Moving", body: "our files" });
    postMessage(channel.doc(threadId), member, {
      threadId,
      body: "everything we have",
      attachments: [
        { ...records.image, width: 900, height: 600 },
        records.notes,
        records.spoilt,
        records.lost,
      ],
    });
    await channel.acknowledged();
    const served = async (client: ApiClient, path: string) => {
      const response = await client.bytes(path);
      expect(response.status, path).toBe(200);
      return response.bytes;
    };
    const before = {
      image: await served(seed.member.client, "/api/files/photo-1"),
      thumbnail: await served(seed.member.client, "/api/files/photo-1/thumbnail"),
      notes: await served(seed.member.client, "/api/files/notes-1"),
    };

    const dir = temporaryDataDir();
    const exportPath = join(dir, "export.json");
    const filesDir = join(dir, "files");
    const exported = await ovb(server.dataDir, [
      "export",
      "--out",
      exportPath,
      "--files",
      filesDir,
    ]);
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stderr).toContain("export: files 4/4");
    expect(exported.stdout).toContain(
      `Copied 3 files (${image.length + notes.length + spoilt.length} bytes) to ${filesDir}.`,
    );
    expect(exported.stdout).toContain(`${records.lost.sha256}  lost.txt`);
    expect(readFileSync(join(filesDir, records.notes.sha256))).toEqual(notes);
    writeFileSync(join(filesDir, records.spoilt.sha256), "these bytes did rot on the way\n");

    const fresh = temporaryDataDir();
    // The files' bytes count in the disk budget (they land on this disk), and the refusal says so
    // ...
    const refused = await ovbInProcess(fresh, [
      "import",
      exportPath,
      "--disk-budget",
      "1",
      "--files",
      filesDir,
    ]);
    expect(refused.code).not.toBe(0);
    const rotted = readFileSync(join(filesDir, records.spoilt.sha256)).length;
    expect(refused.stderr).toMatch(
      new RegExp(
        `needs about \\d+ bytes of disk \\(${image.length + notes.length + rotted} of them for files\\), more than the budget of 1; nothing was imported`,
      ),
    );
    // ... and a file store that cannot be reached stops the import before anything is written.
    const unreachable = await ovbInProcess(fresh, ["import", exportPath, "--files", filesDir], "", {
      OPENVIBE_FILE_STORE: "s3",
      OPENVIBE_S3_BUCKET: "nowhere",
      OPENVIBE_S3_ENDPOINT: "http://127.0.0.1:9",
      AWS_ACCESS_KEY_ID: "key",
      AWS_SECRET_ACCESS_KEY: "secret",
    });
    expect(unreachable.code).not.toBe(0);
    expect(unreachable.stderr).toContain("the file store is not reachable");
    expect(unreachable.stderr).toContain("nothing was imported");
    const imported = await ovb(fresh, ["import", exportPath, "--files", filesDir]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toContain(`Stored 2 files (${image.length + notes.length} bytes)`);
    expect(imported.stdout).toContain("1 files had no bytes");
    expect(imported.stdout).toMatch(
      new RegExp(
        `1 files were refused[^\\n]*\\n  ${records.spoilt.sha256}  spoilt.txt: the content hashes to`,
      ),
    );
    const blobOf = (sha256: string) => join(fresh, "blobs", sha256.slice(0, 2), sha256);
    expect(existsSync(blobOf(records.notes.sha256))).toBe(true);
    expect(existsSync(blobOf(records.spoilt.sha256))).toBe(false);

    const { client: poster } = await memberOnImported(fresh);
    expect({
      image: await served(poster, "/api/files/photo-1"),
      thumbnail: await served(poster, "/api/files/photo-1/thumbnail"),
      notes: await served(poster, "/api/files/notes-1"),
    }).toEqual(before);
    // Refused and missing bytes: no longer available (404), not "still uploading" (409).
    expect((await poster.bytes("/api/files/spoilt-1")).status).toBe(404);
    expect((await poster.bytes("/api/files/lost-1")).status).toBe(404);
  }, 120_000);

  it("refuses bad files with a clear message and leaves the data directory without a workspace", async () => {
    const server = await startTestServer();
    await seedWorkspace(server.current);
    const dir = temporaryDataDir();
    const good = join(dir, "good.json");
    expect((await ovb(server.dataDir, ["export", "--out", good])).code).toBe(0);
    const text = readFileSync(good, "utf8");
    const file = JSON.parse(text) as ExportFile;
    const write = (name: string, content: string) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    };
    const cases: [string, string[], string][] = [
      [write("truncated.json", text.slice(0, text.length / 2)), [], "not valid JSON"],
      [
        write("future.json", JSON.stringify({ ...file, version: EXPORT_VERSION + 1 })),
        [],
        `version ${EXPORT_VERSION + 1} is not supported`,
      ],
      [write("other.json", JSON.stringify({ hello: "world" })), [], "not an OpenVibe export"],
      [
        write(
          "malformed.json",
          JSON.stringify({ ...file, users: [{ ...file.users[0], role: "king" }] }),
        ),
        [],
        "malformed export: users.0.role",
      ],
      [
        write(
          "dangling.json",
          JSON.stringify({ ...file, users: file.users.filter((u) => u.kind !== "agent") }),
        ),
        [],
        "inconsistent export",
      ],
      [good, ["--disk-budget", "1000"], "more than the budget of 1000"],
      [join(dir, "missing.json"), [], "cannot read"],
    ];
    const target = temporaryDataDir();
    for (const [path, extra, why] of cases) {
      const run = await ovb(target, ["import", path, ...extra]);
      expect(run.code, path).toBe(1);
      expect(run.stderr, path).toContain(why);
      expect(isSetUp(services(target)), path).toBe(false);
    }
    const ok = await ovb(target, ["import", good]);
    expect(ok.code, ok.stderr).toBe(0);
    const twice = await ovb(target, ["import", good]);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toContain("already set up");
  }, 120_000);
});

describe("the admin page's download", () => {
  it("serves admins the same export as ovb export, as JSON or Markdown, and nobody else", async () => {
    const server = await startTestServer();
    const seed = await seedWorkspace(server.current);
    const member: Actor = { kind: "human", id: seed.member.user.id };
    const peer = connectPeer(server.current.websocketUrl, {
      token: await webSocketToken(seed.member.client),
    });
    await channelReplica(peer, seed.general.id).createThread(member, {
      title: "Downloaded",
      body: "every word",
    });

    const download = await seed.admin.client.get<ExportFile>("/api/export");
    expect(download.status).toBe(200);
    expect(download.headers.get("content-disposition")).toMatch(
      /^attachment; filename="openvibe-workspace-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    const cli = await ovb(server.dataDir, ["export"]);
    expect(withoutTime(download.body)).toEqual(withoutTime(JSON.parse(cli.stdout) as ExportFile));

    const one = await seed.admin.client.get<ExportFile>(`/api/export?channel=${seed.general.id}`);
    expect(one.body.channels.map((c) => c.name)).toEqual(["town-square"]);
    const markdown = await fetch(
      `${server.current.url}/api/export?format=markdown&channel=${seed.general.id}`,
      {
        headers: { Authorization: `Bearer ${seed.agent.apiKey}` },
      },
    );
    expect(markdown.status).toBe(403);
    const { key } = createApiKey(server.current.ctx, seed.admin.user, seed.admin.user, "export");
    const asAdmin = await fetch(
      `${server.current.url}/api/export?format=markdown&channel=${seed.general.id}`,
      { headers: { Authorization: `Bearer ${key}` } },
    );
    expect(asAdmin.headers.get("content-type")).toContain("text/markdown");
    expect(await asAdmin.text()).toContain("### Downloaded\n\n**member** ·");
    expect((await seed.member.client.get("/api/export")).status).toBe(403);
    expect((await seed.admin.client.get("/api/export?channel=nope")).status).toBe(404);
    expect((await seed.admin.client.get("/api/export?format=pdf")).status).toBe(400);
  }, 120_000);
});
