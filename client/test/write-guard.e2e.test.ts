// The write guard as people meet it. An admin deletes a colleague's message while offline and
// writes a reply, and loses the admin role before reconnecting: the server refuses the copy
// (a tombstone only admins may write), the page shows the server's copy, posts the unsent reply
// again (it may still write there) exactly once, and says so in one notice. The composer tells the
// length limit the server enforces before it is reached.
import { MAX_BODY_LENGTH } from "@openvibe/schema";
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

describe("the write guard in the browser", () => {
  it("re-posts an offline reply once when the offline moderation is refused", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    const { admin: api, memberId } = scenario.workspace;
    expect((await api.patch(`/api/users/${memberId}`, { role: "admin" })).status).toBe(200);
    const threadUrl = await startThread(admin.page, "town-square", "Trip", "Packing list");
    await member.page.goto(threadUrl);
    await message(member.page, "Packing list").waitFor();
    await syncIndicator(member.page).getByText("all synced").waitFor();

    await member.context.setOffline(true);
    await syncIndicator(member.page).getByText("Offline").waitFor();
    // As an admin, the member may delete the admin's message: the page shows it deleted.
    await message(member.page, "Packing list").getByRole("button", { name: "Delete" }).click();
    await member.page.getByRole("button", { name: "Yes, delete" }).click();
    await member.page.getByText("This message was deleted.").waitFor();
    await send(member.page, "Reply", "Written on the train");
    await syncIndicator(member.page).getByText("unsynced").waitFor();
    expect((await api.patch(`/api/users/${memberId}`, { role: "member" })).status).toBe(200);

    await member.context.setOffline(false);
    await refusedCopyNotice(member.page)
      .getByText(
        "The server refused a change you made here (you may no longer make it), so this channel shows the server's copy. 1 message you had not sent yet was posted again.",
      )
      .waitFor();
    // The server's copy: the admin's message stands; the reply arrived once, for everyone.
    await message(member.page, "Packing list").waitFor();
    await message(admin.page, "Written on the train").waitFor();
    await syncIndicator(member.page).getByText("all synced").waitFor();
    for (const page of [member.page, admin.page]) {
      const text = (await messageList(page).textContent()) ?? "";
      expect(text).toContain("Packing list");
      expect(text).not.toContain("This message was deleted.");
      expect(text.split("Written on the train").length - 1).toBe(1);
    }

    // Nothing is sent again after a reload, and the notice stays until dismissed.
    await member.page.reload();
    await refusedCopyNotice(member.page).getByText("was posted again").waitFor();
    await syncIndicator(member.page).getByText("all synced").waitFor();
    await refusedCopyNotice(member.page).getByRole("button", { name: "Dismiss" }).click();
    await refusedCopyNotice(member.page).waitFor({ state: "detached" });
    const text = (await messageList(admin.page).textContent()) ?? "";
    expect(text.split("Written on the train").length - 1).toBe(1);
  });

  it("counts down to the message length limit and holds Send past it", async () => {
    const scenario = await startScenario();
    const member = await signIn(scenario, "member@example.com");
    await startThread(member.page, "town-square", "Long", "A long one follows");
    const composer = member.page.getByLabel("Reply", { exact: true });
    await composer.fill("x".repeat(MAX_BODY_LENGTH - 500));
    await member.page.getByText("500 characters left (a message holds at most 40,000)").waitFor();
    await composer.fill("x".repeat(MAX_BODY_LENGTH + 10));
    await member.page
      .getByText("10 characters over the limit of 40,000: shorten the message to send it")
      .waitFor();
    expect(await member.page.getByRole("button", { name: "Send" }).last().isDisabled()).toBe(true);
    await composer.press("Enter");
    expect(await messageList(member.page).textContent()).not.toContain("xxxxxxxxxx");
  });
});
