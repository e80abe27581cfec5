// ovb generate, run as a child process on a temporary data directory; the channel it fills (in
// the split layout) is then opened in a real server by a real @hocuspocus/provider client, its
// thread index and each thread's document, read through the schema's read models, and searched
// over HTTP.

import {
  deriveThreadIndexEntry,
  forkView,
  listThreads,
  type MessageView,
  readDocumentLayout,
  threadView,
} from "@openvibe/schema";
import { describe, expect, it, onTestFinished } from "vitest";
import type * as Y from "yjs";
import { createUser, findUserByHandle } from "../src/accounts/users.ts";
import {
  ConversationGenerator,
  type GeneratedChunk,
} from "../src/generate/conversation-generator.ts";
import { createLogger } from "../src/logger.ts";
import { SearchIndex } from "../src/search/search-index.ts";
import { startServer } from "../src/server.ts";
import { ApiClient } from "./support/api-client.ts";
import { ovb, ovbInProcess, ovbJson, services } from "./support/ovb.ts";
import { connectPeer } from "./support/peers.ts";
import { webSocketToken } from "./support/socket-credentials.ts";
import { openSplitChannel } from "./support/split-channel-reader.ts";
import { temporaryDataDir, testConfig } from "./support/test-server.ts";

const PASSWORD = "correct horse battery";
const ADMIN_EMAIL = "ada@example.com";

interface GenerateReport {
  channel: { id: string; name: string; created: boolean };
  authors: string[];
  authorsCreated: number;
  messages: number;
  threads: number;
  forks: number;
  deleted: number;
  chunks: number;
}

async function workspace(): Promise<string> {
  const dataDir = temporaryDataDir();
  await ovbJson(
    dataDir,
    ["setup", "--workspace", "Acme", "--email", ADMIN_EMAIL, "--name", "Ada", "--password-stdin"],
    `${PASSWORD}\n`,
  );
  return dataDir;
}

/** Every message of the channel: each thread's main line and its forks' messages. */
function allMessages(doc: Y.Doc): MessageView[] {
  return listThreads(doc).flatMap((thread) => {
    const main = threadView(doc, thread.id)?.messages ?? [];
    const forks = main.flatMap((m) =>
      m.forks.flatMap((f) => forkView(doc, f.forkId)?.messages ?? []),
    );
    return [...main, ...forks];
  });
}

describe("ovb generate", () => {
  it("fills a channel a real client reads and search finds, and adds to it when run again", async () => {
    const dataDir = await workspace();
    const first = await ovbJson<GenerateReport>(dataDir, [
      "generate",
      "--channel",
      "#load-test",
      "--messages",
      "3000",
      "--threads",
      "7",
      "--authors",
      "5",
      "--seed",
      "42",
    ]);
    expect(first).toMatchObject({
      channel: { name: "load-test", created: true },
      authorsCreated: 5,
      messages: 3000,
      threads: 7,
    });
    // More than one chunk, with threads going on from one chunk into the next.
    expect(first.chunks).toBeGreaterThan(1);
    const again = await ovb(dataDir, [
      "generate",
      "--channel",
      "load-test",
      "--messages",
      "100",
      "--threads",
      "3",
      "--authors",
      "5",
    ]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain("generate: 100/100 messages");
    expect(again.stdout).toContain("5 (0 new)");

    const ctx = services(dataDir);
    const authorIds = new Set(first.authors.map((h) => findUserByHandle(ctx, h.slice(1))?.id));
    expect(authorIds.size).toBe(5);
    const server = await startServer(testConfig(dataDir), createLogger("silent"));
    onTestFinished(() => server.close());
    const admin = new ApiClient(server.url);
    await admin.post("/api/auth/login", { email: ADMIN_EMAIL, password: PASSWORD });
    const peer = connectPeer(server.websocketUrl, { token: await webSocketToken(admin) });
    const { channel, index, threads } = await openSplitChannel(peer, first.channel.id);
    expect(readDocumentLayout(channel.doc)).toBe("split-channel");
    expect(index).toHaveLength(10);
    // Each thread's digest in the index is the one its document gives.
    for (const { id, digest } of index) {
      expect(digest).toEqual(deriveThreadIndexEntry(threads.get(id)?.doc as Y.Doc, id));
    }

    const messages = [...threads.values()].flatMap((thread) => allMessages(thread.doc));
    expect(messages).toHaveLength(3100);
    expect(new Set(messages.map((m) => m.author.id))).toEqual(authorIds);
    expect(messages.filter((m) => m.forkId !== null).length).toBeGreaterThan(0);
    expect(messages.some((m) => m.edited)).toBe(true);
    expect(messages.some((m) => m.reactions.length > 0)).toBe(true);
    expect(messages.some((m) => m.mentions.some((h) => first.authors.includes(`@${h}`)))).toBe(
      true,
    );

    // The search index holds every live message, and finds generated words.
    const live = messages.filter((m) => !m.deleted).length;
    expect(new SearchIndex(ctx.db.$client).count()).toBe(live);
    const search = await admin.get<{ total: { count: number } }>("/api/search?q=deploy");
    expect(search.status).toBe(200);
    expect(search.body.total.count).toBeGreaterThan(0);
  }, 60_000);

  it("writes the same conversation for the same seed", () => {
    const run = () => {
      const chunks: GeneratedChunk[] = [];
      new ConversationGenerator({
        channelId: "01JCHANNEL0000000000000000",
        authors: ["a", "b", "c"].map((id) => ({ actor: { kind: "human", id }, handle: id })),
        messages: 400,
        threads: 9,
        seed: 7,
        fromMs: 1_700_000_000_000,
        toMs: 1_700_100_000_000,
        chunkMessages: 150,
        newClientId: () => chunks.length + 1,
        write: (chunk) => chunks.push(chunk),
      }).run();
      return chunks;
    };
    const once = run();
    const messages = once.flatMap((chunk) => chunk.messages);
    expect(messages).toHaveLength(400);
    expect(run().flatMap((chunk) => chunk.messages)).toEqual(messages);
    // Some thread goes on from one chunk into the next (written in a document holding its entry).
    const threadGoesOn = once.some(
      (chunk, i) => i > 0 && chunk.messages[0]?.threadId === once[i - 1]?.messages.at(-1)?.threadId,
    );
    expect(threadGoesOn).toBe(true);
  });

  it("refuses other people without --force, a running server, and wrong command lines", async () => {
    const dataDir = await workspace();
    const ctx = services(dataDir);
    await createUser(ctx, {
      kind: "human",
      role: "member",
      email: "bob@example.com",
      displayName: "Bob",
    });
    const args = ["generate", "--channel", "general", "--messages", "20", "--threads", "2"];
    const refused = await ovb(dataDir, args);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("people other than its admin (@bob)");
    expect(refused.stderr).toContain("--force");
    expect(await ovbJson<GenerateReport>(dataDir, [...args, "--force"])).toMatchObject({
      messages: 20,
      threads: 2,
    });

    const help = await ovbInProcess(temporaryDataDir(), ["generate", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--messages N");
    for (const wrong of [
      ["generate", "--channel", "general", "--messages", "20"],
      [...args.slice(0, 5), "twenty", "--threads", "2"],
      [...args.slice(0, 5), "5", "--threads", "6"],
      [...args, "--seed", "4294967296"],
      [...args, "--bogus"],
    ]) {
      const run = await ovbInProcess(temporaryDataDir(), wrong);
      expect(run.code, wrong.join(" ")).toBe(2);
      expect(run.stderr).toContain('see "ovb generate --help"');
    }

    const server = await startServer(testConfig(dataDir), createLogger("silent"));
    onTestFinished(() => server.close());
    const live = await ovb(dataDir, [...args, "--force"]);
    expect(live.code).toBe(1);
    expect(live.stderr).toContain("stop it first");
  }, 60_000);
});
