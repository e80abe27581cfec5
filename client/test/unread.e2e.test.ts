// Unread counts and mentions in the sidebar, kept per thread as the person
// reads, and the Mentions view.
import type { ChannelView, UserView } from "@openvibe/schema";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  type Scenario,
  send,
  signIn,
  startScenario,
  startThread,
  UI_TIMEOUT_MS,
} from "./support/browser.ts";

async function secondChannel(scenario: Scenario, name: string): Promise<void> {
  const { admin, memberId } = scenario.workspace;
  const created = await admin.post<ChannelView>("/api/channels", { name, visibility: "public" });
  await admin.put(`/api/channels/${created.body.id}/members/${memberId}`);
}

async function handleOf(scenario: Scenario, id: string): Promise<string> {
  const users = await scenario.workspace.admin.get<UserView[]>("/api/users");
  const user = users.body.find((each) => each.id === id);
  if (user === undefined) throw new Error(`no user ${id}`);
  return user.handle;
}

function sidebarLink(page: Page, name: RegExp) {
  return page.getByRole("navigation", { name: "Channels" }).getByRole("link", { name });
}

describe("unread and mentions", () => {
  it("counts a message in another channel as unread until its thread is viewed", async () => {
    const scenario = await startScenario();
    await secondChannel(scenario, "news");
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    await sidebarLink(member.page, /town-square/).click();

    await startThread(admin.page, "news", "Launch", "We ship on Friday");
    await sidebarLink(member.page, /news.*1 unread/).waitFor();
    await send(admin.page, "Reply", "Or maybe Monday");
    await sidebarLink(member.page, /news.*2 unread/).waitFor();

    await sidebarLink(member.page, /news/).click();
    await member.page.getByRole("link", { name: /Launch/ }).click();
    await member.page.getByRole("heading", { name: "Launch" }).waitFor();
    await sidebarLink(member.page, /news/).locator(".unread-count").waitFor({ state: "detached" });

    // Opened at the root on a device holding no local copies yet (signed in, as after a
    // sign-in), the page lands in a channel reading that channel's local copy before any other's,
    // whichever list answers first; the other joined channels are counted once it shows.
    // A channel listed before the landing one, which the page must not read first.
    await secondChannel(scenario, "announcements");
    await sidebarLink(member.page, /town-square/).click();
    await member.page.getByRole("heading", { name: "# town-square" }).waitFor();
    await send(admin.page, "Reply", "Friday after all");
    await sidebarLink(member.page, /news.*1 unread/).waitFor();
    const device = await scenario.browser.newContext({
      storageState: await member.context.storageState(),
    });
    await device.addInitScript(() => {
      const opened: string[] = [];
      Object.assign(window, { openedDatabases: opened });
      const open = IDBFactory.prototype.open;
      IDBFactory.prototype.open = function (this: IDBFactory, ...args) {
        opened.push(args[0]);
        return open.apply(this, args);
      };
    });
    const page = await device.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    // The workspace (which names the landing channel) answers after the channel list is shown.
    await page.route("**/api/workspace", async (route) => {
      await sidebarLink(page, /news/).waitFor();
      await route.continue();
    });
    await page.goto(scenario.url);
    await page.waitForURL(/\/c\/[^/]+$/);
    await sidebarLink(page, /news.*unread/).waitFor();
    const landed = new URL(page.url()).pathname.split("/")[2];
    const opened = await page.evaluate(
      () => (window as unknown as { openedDatabases: string[] }).openedDatabases,
    );
    const channelsOpened = [
      ...new Set(opened.flatMap((name) => /:channel:([^:]+)/.exec(name)?.[1] ?? [])),
    ];
    expect(channelsOpened[0], `opened: ${opened.join(", ")}`).toBe(landed);
    expect(channelsOpened.length).toBeGreaterThan(1);
  });

  it("syncs read positions: a thread read on one device is read on the other after reload", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const phone = await signIn(scenario, "member@example.com");
    const laptop = await signIn(scenario, "member@example.com");

    await startThread(admin.page, "town-square", "Lunch", "Noon at the usual place?");
    for (const device of [phone, laptop]) {
      await sidebarLink(device.page, /town-square.*1 unread/).waitFor();
    }
    const pushed = phone.page.waitForResponse(
      (response) =>
        response.url().endsWith("/api/me/read-positions") && response.request().method() === "PUT",
    );
    await sidebarLink(phone.page, /town-square/).click();
    await phone.page.getByRole("link", { name: /Lunch/ }).click();
    await phone.page.getByRole("heading", { name: "Lunch" }).waitFor();
    await pushed;

    // The laptop's own copy still says unread; only the server's positions change that.
    await sidebarLink(laptop.page, /town-square.*1 unread/).waitFor();
    const merged = laptop.page.waitForResponse((response) =>
      response.url().endsWith("/api/me/read-positions"),
    );
    await laptop.page.reload();
    await merged;
    const link = sidebarLink(laptop.page, /town-square/);
    await link.click();
    // The thread list shows the channel's local copy has loaded: its unread state is computed.
    await laptop.page.getByRole("link", { name: /Lunch/ }).waitFor();
    expect(await link.locator(".unread-count").count()).toBe(0);
  });

  it("shows a mention as a badge and in the Mentions view, which jumps to it", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    const handle = await handleOf(scenario, scenario.workspace.memberId);

    await startThread(admin.page, "town-square", "Review", `@${handle} can you review this?`);
    await sidebarLink(member.page, /^Mentions @1 mention$/).waitFor();
    await sidebarLink(member.page, /town-square @1 mention 1 unread/).waitFor();

    await sidebarLink(member.page, /^Mentions/).click();
    const mentions = member.page.getByRole("list", { name: "Mentions" });
    await mentions.getByText("can you review this?").waitFor();
    await mentions.getByRole("link", { name: /Review/ }).click();
    await member.page.getByRole("heading", { name: "Review" }).waitFor();
    await member.page.locator(".jump-target").waitFor();
    const mentionBadge = sidebarLink(member.page, /^Mentions/).locator(".mention-count");
    await mentionBadge.waitFor({ state: "detached" });
  });
});
