// Membership changes reach an open page. A member removed from the channel they are viewing
// loses it: it leaves the sidebar and the view says it is gone, whether the server closes the
// open document (access-revoked) or refuses to open it when the page connects again
// (permission denied, "forbidden"). Joining it again in the same page syncs as before: the
// closed channel left nothing behind on the shared socket.
import type { Page } from "playwright-core";
import { describe, it } from "vitest";
import {
  message,
  type Person,
  type Scenario,
  send,
  signIn,
  startScenario,
  startThread,
  syncIndicator,
} from "./support/browser.ts";

/** Each test starts a server and two browsers and syncs four times; each step has its own deadline. */
const SCENARIO_TIMEOUT_MS = 60_000;

function channelLink(page: Page) {
  return page.getByRole("navigation", { name: "Channels" }).getByRole("link", {
    name: /town-square/,
  });
}

/** The owner starts a thread and the member opens it: connected, as the owner's presence shows. */
async function memberViewingThread(scenario: Scenario): Promise<{ owner: Person; member: Person }> {
  const owner = await signIn(scenario, "admin@example.com");
  const member = await signIn(scenario, "member@example.com");
  const threadUrl = await startThread(owner.page, "town-square", "Roadmap", "Draft one");
  await member.page.goto(threadUrl);
  await message(member.page, "Draft one").waitFor();
  await member.page.getByText("Here: admin", { exact: true }).waitFor();
  return { owner, member };
}

async function removeMember(scenario: Scenario): Promise<void> {
  const { admin, channelId, memberId } = scenario.workspace;
  const removed = await admin.delete(`/api/channels/${channelId}/members/${memberId}`);
  if (removed.status !== 204) throw new Error(`removing the member answered ${removed.status}`);
}

async function seesChannelGone(member: Person): Promise<void> {
  await channelLink(member.page).waitFor({ state: "detached" });
  await member.page
    .getByRole("status")
    .filter({ hasText: "You no longer have access to #town-square." })
    .waitFor();
  await message(member.page, "Draft one").waitFor({ state: "detached" });
}

/** The member joins the channel again in the same page, and both chat in the thread. */
async function joinAndChat(owner: Person, member: Person): Promise<void> {
  await member.page.getByRole("button", { name: "Browse channels" }).click();
  await member.page
    .getByRole("list", { name: "Channels to join" })
    .getByRole("listitem")
    .filter({ hasText: "town-square" })
    .getByRole("button", { name: "Join" })
    .click();
  await channelLink(member.page).waitFor();
  await member.page.getByRole("link", { name: /Roadmap/ }).click();
  await send(member.page, "Reply", "Back in the room");
  await message(owner.page, "Back in the room").waitFor();
  await send(owner.page, "Reply", "Welcome back");
  await message(member.page, "Welcome back").waitFor();
}

describe("a member removed from the channel on screen", () => {
  it(
    "loses it at once, and syncs again after joining",
    async () => {
      const scenario = await startScenario();
      const { owner, member } = await memberViewingThread(scenario);

      await removeMember(scenario);
      await seesChannelGone(member);

      await joinAndChat(owner, member);
    },
    SCENARIO_TIMEOUT_MS,
  );

  it(
    "while offline loses it once the server refuses it, and syncs again after joining",
    async () => {
      const scenario = await startScenario();
      const { owner, member } = await memberViewingThread(scenario);
      await member.context.setOffline(true);
      await syncIndicator(member.page).getByText("Offline").waitFor();

      await removeMember(scenario);
      await member.context.setOffline(false);
      await seesChannelGone(member);

      await joinAndChat(owner, member);
    },
    SCENARIO_TIMEOUT_MS,
  );
});
