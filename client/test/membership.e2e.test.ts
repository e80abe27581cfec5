// Membership changes reach an open page: a member removed from a channel loses it at once
// (access-revoked), and joining it again in the same session syncs as before (the closed
// channel's connection leaves nothing behind on the shared socket).
import { describe, it } from "vitest";
import { message, send, signIn, startScenario, startThread } from "./support/browser.ts";

describe("leaving and joining a channel in one session", () => {
  it("removes the channel when access is revoked, and syncs again after joining", async () => {
    const scenario = await startScenario();
    const { admin, channelId, memberId } = scenario.workspace;
    const owner = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    const threadUrl = await startThread(owner.page, "town-square", "Roadmap", "Draft one");
    await member.page.goto(threadUrl);
    await message(member.page, "Draft one").waitFor();
    const sidebar = member.page.getByRole("navigation", { name: "Channels" });

    const removed = await admin.delete(`/api/channels/${channelId}/members/${memberId}`);
    if (removed.status !== 204) throw new Error(`removing the member answered ${removed.status}`);
    await sidebar.getByRole("link", { name: /town-square/ }).waitFor({ state: "detached" });

    await member.page.getByRole("button", { name: "Browse channels" }).click();
    await member.page
      .getByRole("list", { name: "Channels to join" })
      .getByRole("listitem")
      .filter({ hasText: "town-square" })
      .getByRole("button", { name: "Join" })
      .click();
    await sidebar.getByRole("link", { name: /town-square/ }).waitFor();
    // In the same page (no reload): the channel reopens on the socket it was closed on.
    await member.page.getByRole("link", { name: /Roadmap/ }).click();
    await send(member.page, "Reply", "Back in the room");
    await message(owner.page, "Back in the room").waitFor();
    await send(owner.page, "Reply", "Welcome back");
    await message(member.page, "Welcome back").waitFor();
  });
});
