// Threads offline on the split layout. A member's browser holds an old copy of #town-square (the
// one-document layout, stored before the server split channels) with a message the server never
// got. On sign-in the copy is set aside before it syncs, the channel loads from the server, and
// the message is posted again in its thread's document: the admin sees it, once, and the member
// is told. The channel's
// recent threads are fetched in the background, so a thread the member never opened reads
// offline.
import { type Actor, createThread, type Env, initChannel, postMessage } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { message, signIn, startScenario, startThread, UI_TIMEOUT_MS } from "./support/browser.ts";
import { PASSWORD } from "./support/child-workspace.ts";

/** The ids an old client would have had for this thread (the server's), then fresh ones. */
function envWithIds(first: string[]): Env {
  const ids = [...first];
  let count = 0;
  return {
    now: () => Date.now(),
    newId: () => ids.shift() ?? `old-copy-${++count}`,
  };
}

/** A one-document copy of the channel: the thread as the member last saw it, plus their post. */
function oldCopy(channelId: string, threadId: string, adminId: string, memberId: string) {
  const doc = new Y.Doc();
  initChannel(doc, channelId);
  const admin: Actor = { kind: "human", id: adminId };
  const member: Actor = { kind: "human", id: memberId };
  const env = envWithIds([threadId]);
  createThread(doc, admin, { title: "Trip", body: "Packing list" }, env);
  postMessage(doc, member, { threadId, body: "Written before the upgrade" }, env);
  return [...Y.encodeStateAsUpdate(doc)];
}

/** Deadline for what the keeper does in the background. */
const BACKGROUND_MS = 25_000;

const threadIdOf = (url: string) => new URL(url).pathname.split("/")[4] ?? "";

describe("threads offline on the split layout", () => {
  it("re-posts an old copy's message in its thread and keeps recent threads readable offline", async () => {
    const scenario = await startScenario();
    const { channelId, memberId } = scenario.workspace;
    const admin = await signIn(scenario, "admin@example.com");
    const tripUrl = await startThread(admin.page, "town-square", "Trip", "Packing list");
    await startThread(admin.page, "town-square", "Budget", "Numbers for the offsite");
    const adminId = (
      await scenario.workspace.admin.get<{ user: { id: string } }>("/api/auth/session")
    ).body.user.id;

    // The member's browser, before the app runs: the old copy and its unsent change.
    const context = await scenario.browser.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    await page.goto(`${scenario.url}/api/auth/session`);
    const base = `openvibe:${memberId}:channel:${channelId}`;
    await page.evaluate(
      async ({ name, update, unsyncedKey }) => {
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const request = indexedDB.open(name, 1);
          request.onupgradeneeded = () =>
            request.result.createObjectStore("updates", { autoIncrement: true });
          request.onsuccess = () => resolve(request.result);
          request.onerror = () => reject(request.error);
        });
        const transaction = db.transaction("updates", "readwrite");
        transaction.objectStore("updates").add(new Uint8Array(update));
        await new Promise((resolve) => {
          transaction.oncomplete = resolve;
        });
        db.close();
        localStorage.setItem(unsyncedKey, "1");
      },
      {
        name: `${base}:updates`,
        update: oldCopy(channelId, threadIdOf(tripUrl), adminId, memberId),
        unsyncedKey: `${base}:unsynced`,
      },
    );

    await page.goto(scenario.url);
    await page.getByLabel("Email").fill("member@example.com");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("banner").waitFor();

    // Posted again in the thread's document: the admin sees it, once.
    await admin.page.goto(tripUrl);
    // Background work behind the sign-in's own syncs: a longer deadline than the screen's.
    await message(admin.page, "Written before the upgrade").waitFor({ timeout: BACKGROUND_MS });
    const reposted = admin.page.locator("article.message", {
      hasText: "Written before the upgrade",
    });
    await page.goto(`${scenario.url}/preferences`);
    await page.getByText("2 threads kept on this device").waitFor({ timeout: BACKGROUND_MS });
    expect(await reposted.count()).toBe(1);

    // Budget was never opened on this device: fetched in the background, it reads offline.
    await context.setOffline(true);
    await page.getByRole("navigation", { name: "Channels" }).getByText("town-square").click();
    await page
      .getByText("predates the server's upgrade", { exact: false })
      .filter({ hasText: "1 message you had not sent yet was posted again." })
      .waitFor();
    await page.getByRole("list", { name: "Threads" }).getByText("Budget").click();
    await message(page, "Numbers for the offsite").waitFor();
    await context.close();
  }, 60_000);
});
