// Permission changes reach an open page: when an admin archives a channel,
// the server closes the document with `permissions-changed`; the client
// reconnects with its new (read-only) rights and says why it cannot write.
import { describe, expect, it } from "vitest";
import { message, send, signIn, startScenario, startThread } from "./support/browser.ts";
import { saveScreenshot } from "./support/screenshots.ts";

describe("archiving a channel someone has open", () => {
  it("turns their composer read-only within seconds, and back after unarchiving", async () => {
    const scenario = await startScenario();
    const { admin, channelId } = scenario.workspace;
    const owner = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    const threadUrl = await startThread(owner.page, "town-square", "Plans", "Before the archive");
    await member.page.goto(threadUrl);
    await send(member.page, "Reply", "Still writable");
    await message(owner.page, "Still writable").waitFor();

    expect((await admin.post(`/api/channels/${channelId}/archive`)).status).toBe(200);
    const composer = member.page.getByLabel("Reply", { exact: true });
    await member.page.getByText("This channel is archived: it is read-only.").waitFor({
      timeout: 5_000,
    });
    expect(await composer.isDisabled()).toBe(true);
    expect(await composer.getAttribute("aria-describedby")).not.toBeNull();
    await saveScreenshot(member.page, "archived-channel");

    expect((await admin.post(`/api/channels/${channelId}/unarchive`)).status).toBe(200);
    await member.page.waitForFunction(
      () => !document.querySelector<HTMLTextAreaElement>('textarea[aria-label="Reply"]')?.disabled,
      undefined,
      { timeout: 5_000 },
    );
    await send(member.page, "Reply", "Writable again");
    await message(owner.page, "Writable again").waitFor();
  });
});
