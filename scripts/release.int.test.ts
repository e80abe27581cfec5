// The release artifact as an operator uses it: built by ./scripts/release, unpacked into an empty
// directory outside the checkout, started with nothing but what is inside (its own Node, a PATH
// without the project's tools, no node_modules around): it answers /health, takes a workspace,
// syncs a message over a provider (a thread document of a split channel), has the agent answer
// through the fake Anthropic server (the real SDK path), and stops cleanly on SIGTERM.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { type Actor, threadView } from "@openvibe/schema";
import { describe, expect, it, onTestFinished } from "vitest";
import { startFakeAnthropic } from "../agent-bridge/src/testing/fake-anthropic-server.ts";
import { ApiClient } from "../sync-server/test/support/api-client.ts";
import { withDeadline } from "../sync-server/test/support/deadline.ts";
import { blankPdf } from "../sync-server/test/support/pdfs.ts";
import { connectPeer } from "../sync-server/test/support/peers.ts";
import { webSocketToken } from "../sync-server/test/support/socket-credentials.ts";
import { startThreadDocument } from "../sync-server/test/support/split-channels.ts";
import { attachmentFor, uploadWhole } from "../sync-server/test/support/uploads.ts";
import { pollUntil } from "../sync-server/test/support/wait-for.ts";

const ROOT = new URL("..", import.meta.url).pathname;
const PASSWORD = "correct horse battery staple";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** Resolves with the first line of `child`'s stdout that contains `text`. */
function lineWith(child: ChildProcess, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    if (child.stdout === null) return reject(new Error("no stdout"));
    const lines = createInterface({ input: child.stdout });
    lines.on("line", (line) => {
      if (line.includes(text)) resolve(line);
    });
    child.once("exit", (code) => reject(new Error(`exited with ${code} before "${text}"`)));
  });
}

describe("the release artifact", () => {
  it("runs from an empty directory with only what it holds", { timeout: 240_000 }, async () => {
    const work = mkdtempSync(join(tmpdir(), "openvibe-release-"));
    onTestFinished(() => rmSync(work, { recursive: true, force: true }));
    const built = execFileSync(join(ROOT, "scripts/release"), ["--out", join(work, "out")], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const tarball = built.trim().split("\n").at(-1) ?? "";
    expect(tarball).toMatch(/openvibe-.*-linux-x64\.tar\.gz$/);
    const installed = join(work, "installed");
    execFileSync("mkdir", ["-p", installed]);
    execFileSync("tar", ["-xzf", tarball, "-C", installed, "--strip-components=1"]);
    const launcher = join(installed, "bin/openvibe");
    const bare = { PATH: "/usr/bin:/bin", HOME: work };
    expect(execFileSync(launcher, ["--version"], { env: bare, encoding: "utf8" })).toMatch(
      /^openvibe \d+\.\d+\.\d+/,
    );
    expect(execFileSync(launcher, ["--help"], { env: bare, encoding: "utf8" })).toContain("ovb");

    const fake = await startFakeAnthropic({ kind: "reply", tokens: ["Packed ", "and ready."] });
    onTestFinished(() => fake.close());
    const port = await freePort();
    const started = Date.now();
    const child = spawn(launcher, [], {
      cwd: work,
      env: {
        ...bare,
        PORT: String(port),
        OPENVIBE_DATA_DIR: join(work, "data"),
        ANTHROPIC_API_KEY: "sk-fake",
        ANTHROPIC_BASE_URL: fake.url,
      },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    onTestFinished(() => {
      if (child.exitCode === null) child.kill("SIGKILL");
    });
    await withDeadline(lineWith(child, "server listening"), "the artifact's server", 60_000);
    const url = `http://127.0.0.1:${port}`;
    const health = await fetch(`${url}/health`);
    process.stderr.write(
      `release test: first request answered ${Date.now() - started} ms after start\n`,
    );
    expect(await health.json()).toMatchObject({ status: "ok" });

    const admin = new ApiClient(url);
    const setup = await admin.post("/api/setup", {
      workspaceName: "Packaged",
      email: "admin@example.com",
      displayName: "admin",
      password: PASSWORD,
    });
    expect(setup.status).toBe(201);
    const channel = await admin.post<{ id: string }>("/api/channels", {
      name: "launch",
      topic: "",
      visibility: "public",
    });
    const agent = await admin.post<{ id: string }>("/api/agents", {
      handle: "claude",
      displayName: "Claude",
    });
    expect(
      (await admin.put(`/api/channels/${channel.body.id}/members/${agent.body.id}`)).status,
    ).toBe(204);
    const me = await admin.get<{ id: string }>("/api/me");
    const actor: Actor = { kind: "human", id: me.body.id };

    const peer = connectPeer(`ws://127.0.0.1:${port}`, { token: await webSocketToken(admin) });
    // A split channel (every channel is): the thread is its own document, synced as a client does.
    const { threadId, thread: open } = await startThreadDocument(peer, channel.body.id, actor, {
      title: "Launch",
      body: "@claude are we ready?",
    });
    const reply = () =>
      threadView(open.doc, threadId)?.messages.find(
        (m) => m.author.kind === "agent" && m.task?.status === "completed",
      );
    await open.until("the agent's finished reply", () => reply() !== undefined, 60_000);
    expect(reply()?.body).toBe("Packed and ready.");
    peer.close();

    // Its thumbnails come from the shipped sharp (native module and libvips included).
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==",
      "base64",
    );
    const uploaded = await uploadWhole(
      admin,
      channel.body.id,
      attachmentFor("dot1", "dot.png", "image/png", png),
      png,
    );
    expect(uploaded.body).toMatchObject({ status: "stored", thumbnail: true, width: 1 });
    // A PDF's, from the shipped pdf.js and canvas, in the bundled page worker.
    const pdfBytes = await blankPdf(200, 100);
    const drawn = await uploadWhole(
      admin,
      channel.body.id,
      attachmentFor("page1", "page.pdf", "application/pdf", pdfBytes),
      pdfBytes,
    );
    expect(drawn.body).toMatchObject({ status: "stored", thumbnail: true });

    // The operator's view of it: /metrics (loopback, no token set) counts the finished task and
    // the model's tokens, and the artifact's own ovb backs the live server up.
    const metric = async (line: RegExp) => {
      const text = await (await fetch(`${url}/metrics`)).text();
      return Number(line.exec(text)?.[1] ?? Number.NaN);
    };
    // The bridge reports the task's end to the ledger after the reply's last words: poll.
    await pollUntil(
      "the completed task in /metrics",
      async () => (await metric(/^openvibe_agent_tasks\{status="completed"\} (\S+)$/m)) === 1,
    );
    expect(await metric(/^openvibe_model_tokens\{direction="output"\} (\S+)$/m)).toBeGreaterThan(0);
    const backup = execFileSync(launcher, ["ovb", "backup", join(work, "live.sqlite")], {
      cwd: work,
      env: { ...bare, OPENVIBE_DATA_DIR: join(work, "data") },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    expect(backup).toContain("integrity ok");

    child.kill("SIGTERM");
    expect(await withDeadline(exited, "the artifact to stop", 30_000)).toBe(0);
  });
});
