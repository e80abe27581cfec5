// Unread counts and mentions in the sidebar, kept per thread as the person
// reads, and the Mentions view.
import type { ChannelView, UserView } from "@openvibe/schema";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { type Scenario, send, signIn, startScenario, startThread } from "./support/browser.ts";

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
