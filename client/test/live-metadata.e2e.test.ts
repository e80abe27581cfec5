// Workspace metadata changed elsewhere reaches open pages without a reload:
// the server tells each page's socket which lists changed and the page fetches
// them again. Channels (created, added to, renamed, archived), people (a
// newcomer, a new display name) and settings; each change is made over HTTP as
// another person's browser or script would, while the page stays open.
import type { ChannelView } from "@openvibe/schema";
import type { Page } from "playwright-core";
import { describe, it } from "vitest";
import type { ApiClient } from "../../sync-server/test/support/api-client.ts";
import {
  message,
  type Person,
  send,
  signIn,
  startScenario,
  startThread,
  syncIndicator,
} from "./support/browser.ts";
import { expectStatus, inviteMember } from "./support/child-workspace.ts";

/** How long a change may take to show: well under a reload, with room for a busy machine. */
const LIVE_MS = 5_000;

/** Each test starts a server and two browsers. */
const SCENARIO_TIMEOUT_MS = 60_000;

function sidebarChannel(page: Page, name: string) {
  return page
    .getByRole("navigation", { name: "Channels" })
    .getByRole("link", { name: new RegExp(name) });
}

/** Signed in, with the page's first fetch done and its socket connected: an open page. */
async function openPage(
  scenario: Awaited<ReturnType<typeof startScenario>>,
  email: string,
): Promise<Person> {
  const person = await signIn(scenario, email);
  await sidebarChannel(person.page, "town-square").waitFor();
  await syncIndicator(person.page).filter({ hasText: "Online" }).waitFor();
  return person;
}

async function createChannel(
  admin: ApiClient,
  name: string,
  visibility: "public" | "private",
): Promise<ChannelView> {
  const created = await admin.post<ChannelView>("/api/channels", { name, topic: "", visibility });
  return expectStatus(created, 201, `creating #${name}`);
}

describe("metadata changed elsewhere", () => {
  it(
    "shows a private channel to the person added to it, and syncs its messages",
    async () => {
      const scenario = await startScenario();
      const { admin, memberId } = scenario.workspace;
      const owner = await openPage(scenario, "admin@example.com");
      const member = await openPage(scenario, "member@example.com");

      const plans = await createChannel(admin, "plans", "private");
      await sidebarChannel(owner.page, "plans").waitFor({ timeout: LIVE_MS });
      await sidebarChannel(owner.page, "plans").click();
      await owner.page.getByRole("link", { name: "Channel settings" }).click();
      const members = owner.page.getByRole("region", { name: "Members of plans" });
      await members.getByRole("listitem").filter({ hasText: "@admin" }).waitFor();

      const added = await admin.put(`/api/channels/${plans.id}/members/${memberId}`);
      expectStatus(added, 204, "adding the member");
      await sidebarChannel(member.page, "plans").waitFor({ timeout: LIVE_MS });
      await members
        .getByRole("listitem")
        .filter({ hasText: "@member" })
        .waitFor({ timeout: LIVE_MS });

      await startThread(owner.page, "plans", "Launch", "The date is set");
      await sidebarChannel(member.page, "plans").click();
      await member.page.getByRole("link", { name: /Launch/ }).click();
      await message(member.page, "The date is set").waitFor();
      await send(member.page, "Reply", "Noted");
      await message(owner.page, "Noted").waitFor();
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    "shows a new public channel, a renamed one and an archived one",
    async () => {
      const scenario = await startScenario();
      const { admin, channelId } = scenario.workspace;
      const { page } = await openPage(scenario, "member@example.com");
      await page.getByRole("button", { name: "Browse channels" }).click();
      const joinable = page.getByRole("list", { name: "Channels to join" });
      const news = joinable.getByRole("listitem").filter({ hasText: "news" });
      // The page is up (its default channel, #general, listed) before anything changes.
      await sidebarChannel(page, "general").waitFor();

      const created = await createChannel(admin, "news", "public");
      await news.waitFor({ timeout: LIVE_MS });

      const renamed = await admin.patch(`/api/channels/${channelId}`, { name: "town-hall" });
      expectStatus(renamed, 200, "renaming #town-square");
      await sidebarChannel(page, "town-hall").waitFor({ timeout: LIVE_MS });
      await sidebarChannel(page, "town-square").waitFor({ state: "detached" });

      const archived = await admin.post(`/api/channels/${created.id}/archive`);
      expectStatus(archived, 200, "archiving #news");
      await news.waitFor({ state: "detached", timeout: LIVE_MS });
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    "shows a newcomer and a new display name in pickers, mentions and message headers",
    async () => {
      const scenario = await startScenario();
      const { admin } = scenario.workspace;
      const owner = await openPage(scenario, "admin@example.com");
      const member = await openPage(scenario, "member@example.com");
      const threadUrl = await startThread(owner.page, "town-square", "Agenda", "First point");
      await owner.page.getByRole("link", { name: "Channel settings" }).click();
      const picker = owner.page.getByRole("form", { name: "Add to town-square" });
      await picker.getByRole("combobox").waitFor();
      await member.page.goto(threadUrl);
      await member.page.getByRole("article", { name: "Message by admin" }).waitFor();

      // Typed before the newcomer exists: the open suggestions take them in when they arrive.
      await member.page.getByLabel("Reply", { exact: true }).pressSequentially("Welcome @newc");
      await inviteMember(admin, "newcomer@example.com", "Newcomer");
      await picker
        .getByRole("option", { name: /^Newcomer/ })
        .waitFor({ state: "attached", timeout: LIVE_MS });
      await member.page
        .getByRole("listbox", { name: "Mention suggestions" })
        .getByRole("option", { name: /@newcomer/ })
        .waitFor({ timeout: LIVE_MS });

      expectStatus(await admin.patch("/api/me", { displayName: "Ada" }), 200, "renaming admin");
      await member.page
        .getByRole("article", { name: "Message by Ada" })
        .waitFor({ timeout: LIVE_MS });
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    "applies a workspace setting changed while the page is open",
    async () => {
      const scenario = await startScenario();
      const { page } = await openPage(scenario, "member@example.com");
      const searchBox = page.getByRole("searchbox", { name: "Search messages" });
      await searchBox.waitFor();

      const changed = await scenario.workspace.admin.patch("/api/workspace", {
        workspaceName: "Acme quiet",
        features: { search: false },
      });
      expectStatus(changed, 200, "turning search off");
      await searchBox.waitFor({ state: "detached", timeout: LIVE_MS });
      await page.locator(".workspace-name", { hasText: /^Acme quiet$/ }).waitFor();
    },
    SCENARIO_TIMEOUT_MS,
  );
});
