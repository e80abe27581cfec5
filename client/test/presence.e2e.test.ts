// Presence through Yjs awareness: who else has the channel open (with their avatars), and who
// is typing in this thread (cleared when the message is sent).
import { describe, expect, it } from "vitest";
import { message, signIn, startScenario, startThread } from "./support/browser.ts";
import { saveScreenshot } from "./support/screenshots.ts";

describe("presence", () => {
  it("shows who is here and who is typing, and clears typing on send", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    const threadUrl = await startThread(admin.page, "town-square", "Standup", "Morning all");
    await member.page.goto(threadUrl);
    await member.page.getByText("Here: admin", { exact: true }).waitFor();
    await admin.page.getByText("Here: member", { exact: true }).waitFor();
    // Default avatars: initials on the person's colour, the same on every page.
    const hereAvatar = member.page.locator(".presence .avatar");
    expect(await hereAvatar.textContent()).toBe("A");
    const authorAvatar = message(member.page, "Morning all").locator(".avatar");
    expect(await authorAvatar.textContent()).toBe("A");
    const colour = (avatar: typeof hereAvatar) =>
      avatar.evaluate((element) => getComputedStyle(element).backgroundColor);
    expect(await colour(authorAvatar)).toBe(await colour(hereAvatar));
    expect(await colour(message(admin.page, "Morning all").locator(".avatar"))).toBe(
      await colour(hereAvatar),
    );

    const composer = admin.page.getByLabel("Reply", { exact: true });
    await composer.fill("Let me think");
    await member.page.getByText("admin is typing…").waitFor();
    await saveScreenshot(member.page, "typing");

    await composer.press("Enter");
    await message(member.page, "Let me think").waitFor();
    await member.page.getByText("admin is typing…").waitFor({ state: "detached" });
  });
});
