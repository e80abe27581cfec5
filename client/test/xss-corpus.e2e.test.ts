// A corpus of known XSS payloads (support/xss-corpus.ts) posted over the real
// socket as messages, thread titles and fork titles, set as people's display
// names over HTTP, and typed as search queries: in headless Chromium no
// dialog opens, window.__pwned is never written, the Content-Security-Policy
// reports no violation, and the page holds no markup that could run script
// (links are http(s), mailto or inert).

import type { UserView } from "@openvibe/schema";
import { ChannelError, createFork, postMessage } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { connectPeer } from "../../sync-server/test/support/peers.ts";
import { webSocketToken } from "../../sync-server/test/support/socket-credentials.ts";
import { startThreadDocument } from "../../sync-server/test/support/split-channels.ts";
import { type Scenario, signIn, startScenario, UI_TIMEOUT_MS } from "./support/browser.ts";
import { installScriptTraps, unsafeMarkup } from "./support/script-traps.ts";
import { XSS_PAYLOADS } from "./support/xss-corpus.ts";

const CORPUS_THREAD = "XSS corpus";
/** The admin's display name, shown as the author of every corpus message. */
const ADMIN_NAME = '<img src=x onerror="window.__pwned=1">';
const UNTIL_RENDERED = { timeout: UI_TIMEOUT_MS };
const TALL_VIEWPORT = { width: 1280, height: 16_000 };

/** Runs `write`; a payload the schema's validation refuses (a title with a bidi override) is skipped. */
function isRefusal(error: unknown): boolean {
  return error instanceof ChannelError && error.code === "unsafe_characters";
}

function unlessRefused<T>(write: () => T): T | null {
  try {
    return write();
  } catch (error) {
    if (isRefusal(error)) return null;
    throw error;
  }
}

interface WrittenCorpus {
  threadId: string;
  /** Threads in the channel: the corpus thread and one per payload accepted as a title. */
  threads: number;
}

/** Writes the corpus into #town-square as the admin, over the socket. */
async function writeCorpus(scenario: Scenario): Promise<WrittenCorpus> {
  const { workspace } = scenario;
  const me = await workspace.admin.get<UserView>("/api/me");
  const actor = { kind: me.body.kind, id: me.body.id };
  const peer = connectPeer(workspace.websocketUrl, {
    token: await webSocketToken(workspace.admin),
  });
  const { channelId } = workspace;
  const corpus = await startThreadDocument(peer, channelId, actor, {
    title: CORPUS_THREAD,
    body: "the corpus",
  });
  const channel = corpus.thread;
  let threads = 1;
  for (const payload of XSS_PAYLOADS) {
    const messageId = postMessage(channel.doc, actor, { threadId: corpus.threadId, body: payload });
    unlessRefused(() =>
      createFork(channel.doc, actor, { messageId, title: payload, body: payload }),
    );
    // Each thread is its own thread document (the split layout); refused titles write nothing.
    try {
      await startThreadDocument(peer, channelId, actor, { title: payload, body: payload });
      threads += 1;
    } catch (error) {
      if (!isRefusal(error)) throw error;
    }
  }
  await channel.acknowledged(20_000);
  peer.close();
  return { threadId: corpus.threadId, threads };
}

/**
 * Every payload the server accepts as a display name becomes an agent's (people and agents share
 * the rule; an agent costs no password hash), and one the admin's own, shown beside each of the
 * admin's messages. Refused names get a JSON 400.
 */
async function setHostileDisplayNames({ workspace }: Scenario): Promise<void> {
  const own = await workspace.admin.patch("/api/me", { displayName: ADMIN_NAME });
  expect(own.status).toBe(200);
  for (const [index, payload] of XSS_PAYLOADS.entries()) {
    const agent = await workspace.admin.post("/api/agents", {
      handle: `xss${index}`,
      displayName: payload,
    });
    if (agent.status !== 201) {
      expect(agent.status, payload).toBe(400);
      expect(agent.body).toMatchObject({ error: { code: "validation_failed" } });
    }
  }
}

describe("XSS corpus", () => {
  it("never runs a payload, whether message, title, fork title, display name or search query", async () => {
    // One thread per payload, all by the admin at once: more than a person's burst of new threads
    // (OPENVIBE_NEW_THREADS_BURST, default 60) once the corpus grows.
    const scenario = await startScenario({ OPENVIBE_NEW_THREADS_BURST: "1000" });
    await setHostileDisplayNames(scenario);
    const corpus = await writeCorpus(scenario);
    const admin = await signIn(scenario, "admin@example.com");
    const { page } = admin;
    // Tall enough for the virtualised lists to render every row at once.
    await page.setViewportSize(TALL_VIEWPORT);
    const traps = await installScriptTraps(admin.context, page);
    const checkPage = async (where: string) => {
      expect(await unsafeMarkup(page), where).toEqual([]);
      expect(await traps.sprung(), where).toEqual([]);
    };
    const channelPath = `/c/${scenario.workspace.channelId}`;

    await page.goto(`${scenario.url}${channelPath}`);
    const threads = page.getByRole("list", { name: "Threads" }).getByRole("listitem");
    await expect.poll(() => threads.count(), UNTIL_RENDERED).toBe(corpus.threads);
    await checkPage("the channel's thread titles");

    await page.goto(`${scenario.url}${channelPath}/t/${corpus.threadId}`);
    const messages = page.getByRole("list", { name: "Messages", exact: true }).locator("article");
    await expect.poll(() => messages.count(), UNTIL_RENDERED).toBe(1 + XSS_PAYLOADS.length);
    await messages.getByText(ADMIN_NAME).first().waitFor();
    await checkPage("the corpus thread's messages and fork markers");
    const firstInert = page.locator(".markdown a:not([href^='http'])").first();
    await firstInert.click();
    await checkPage("after clicking a neutralised link");

    await page.locator(".fork-markers button").first().click();
    await page.locator("aside.fork-panel").waitFor();
    await checkPage("an open fork");

    await page.goto(`${scenario.url}/admin/agents`);
    await page.getByText("hover me").first().waitFor();
    await checkPage("the agents page's display names");

    const box = page.getByRole("searchbox", { name: "Search messages" });
    for (const payload of XSS_PAYLOADS) {
      await box.fill(payload);
      await page.locator(".search-view .search-result, .search-view .empty").first().waitFor();
    }
    await checkPage("search results for every payload");
  });
});
