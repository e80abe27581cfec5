// A member writes offline while an admin makes them a guest: back online, the server refuses the
// copy (write-refused). The member's page then shows the server's copy, keeps the two messages in
// a notice (text, Copy, download, Dismiss) that survives a reload, and keeps syncing: no resend
// loop, nothing left unsynced, and a guest's reaction still reaches the admin.
import { describe, expect, it } from "vitest";
import {
  message,
  messageList,
  refusedCopyNotice,
  send,
  signIn,
  startScenario,
  startThread,
  syncIndicator,
} from "./support/browser.ts";

describe("a write the server refuses", () => {
  it("keeps the member's offline messages for them and shows the server's copy", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    await member.context.grantPermissions(["clipboard-read", "clipboard-write"], {
      origin: scenario.url,
    });
    const threadUrl = await startThread(admin.page, "town-square", "Trip", "Packing list");
    await member.page.goto(threadUrl);
    await message(member.page, "Packing list").waitFor();
    await syncIndicator(member.page).getByText("all synced").waitFor();

    await member.context.setOffline(true);
    await syncIndicator(member.page).getByText("Offline").waitFor();
    await send(member.page, "Reply", "Written on the train");
    await send(member.page, "Reply", "And a second thought");
    // Exactly the two messages: a channel still in its first sync when the network went has no
    // local change in it.
    await syncIndicator(member.page).getByText("2 unsynced").waitFor();
    const { admin: api, memberId } = scenario.workspace;
    const demoted = await api.patch(`/api/users/${memberId}`, { role: "guest" });
    expect(demoted.status).toBe(200);

    await member.context.setOffline(false);
    const kept = refusedCopyNotice(member.page);
    await kept
      .getByText(
        "2 messages you wrote here could not be sent: you can no longer write in this channel.",
      )
      .waitFor();
    const listed = kept.getByRole("list", { name: "Your messages" }).getByRole("listitem");
    expect(await listed.allTextContents()).toEqual([
      expect.stringContaining("Written on the train"),
      expect.stringContaining("And a second thought"),
    ]);
    await syncIndicator(member.page).getByText("Online").waitFor();
    await syncIndicator(member.page).getByText("all synced").waitFor();
    // The channel is the server's copy: the refused messages are not in the thread.
    await message(member.page, "Packing list").waitFor();
    expect(await messageList(member.page).textContent()).not.toContain("Written on the train");
    expect(await messageList(admin.page).textContent()).not.toContain("Written on the train");

    await kept.getByRole("button", { name: "Copy message 2" }).click();
    await kept.getByText("Copied.").waitFor();
    expect(await member.page.evaluate(() => navigator.clipboard.readText())).toBe(
      "And a second thought",
    );
    const download = member.page.waitForEvent("download");
    await kept.getByRole("button", { name: "Download the channel copy" }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.json$/);

    // Still syncing, without resending what was refused: a guest's reaction reaches the admin.
    await message(member.page, "Packing list").getByRole("button", { name: "React 🎉" }).click();
    await message(admin.page, "Packing list")
      .getByRole("button", { name: "🎉 1, react" })
      .waitFor();
    await syncIndicator(member.page).getByText("all synced").waitFor();

    await member.page.reload();
    await refusedCopyNotice(member.page).getByText("Written on the train").waitFor();
    await message(member.page, "Packing list").waitFor();
    await syncIndicator(member.page).getByText("all synced").waitFor();
    expect(await messageList(member.page).textContent()).not.toContain("Written on the train");

    await refusedCopyNotice(member.page).getByRole("button", { name: "Dismiss" }).click();
    await refusedCopyNotice(member.page).waitFor({ state: "detached" });
    await member.page.reload();
    await message(member.page, "Packing list").waitFor();
    await syncIndicator(member.page).getByText("all synced").waitFor();
    expect(await refusedCopyNotice(member.page).count()).toBe(0);
  });
});
