// Direct messages in the browser: a person starts one from the sidebar with a colleague, lands
// in it (named by the colleague), writes; the colleague's sidebar lists it live, named by the
// starter, and the conversation reads the same on both sides. Starting it again opens the same
// conversation. The sidebar with the form open passes the axe check.
import { describe, expect, it } from "vitest";
import { seriousViolations } from "./support/axe.ts";
import { message, send, signIn, startScenario } from "./support/browser.ts";
import { saveScreenshot } from "./support/screenshots.ts";

describe("direct messages", () => {
  it("start from the sidebar, show up live for the other person, and open the same one again", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    const sidebar = member.page.getByRole("navigation", { name: "Channels" });

    await sidebar.getByRole("button", { name: "New message" }).click();
    const form = member.page.getByRole("form", { name: "New direct message" });
    await form.getByRole("checkbox", { name: "admin" }).check();
    expect(await seriousViolations(member.page)).toEqual([]);
    await form.getByRole("button", { name: "Start" }).click();
    await member.page.getByRole("heading", { name: "admin", exact: true }).waitFor();
    const conversationUrl = member.page.url();

    await member.page.getByLabel("Thread title").fill("Lunch");
    await member.page.getByLabel("First message").fill("Tacos at noon?");
    await member.page.getByRole("button", { name: "Start thread" }).click();
    await message(member.page, "Tacos at noon?").waitFor();

    // The other person's sidebar lists it without a reload, named by the one who wrote.
    const theirs = admin.page
      .getByRole("list", { name: "Direct messages" })
      .getByRole("link", { name: /^member/ });
    await theirs.click();
    await admin.page.getByRole("heading", { name: "member", exact: true }).waitFor();
    await admin.page.getByRole("link", { name: /Lunch/ }).click();
    await message(admin.page, "Tacos at noon?").waitFor();
    await send(admin.page, "Reply", "Yes, the usual place");
    await message(member.page, "Yes, the usual place").waitFor();
    await saveScreenshot(member.page, "direct-message");

    // Not a channel: it is not listed among them, and starting it again opens the same one.
    expect(await sidebar.getByText(/dm-/).count()).toBe(0);
    await member.page.goto(scenario.url);
    await sidebar.getByRole("button", { name: "New message" }).click();
    await form.getByRole("checkbox", { name: "admin" }).check();
    await form.getByRole("button", { name: "Start" }).click();
    await member.page.getByRole("heading", { name: "admin", exact: true }).waitFor();
    expect(member.page.url()).toBe(conversationUrl);
  });

  it("start from the quick switcher's 'Message' for a person, and open the same one from there again", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const jumpTo = async (text: string, option: RegExp) => {
      await admin.page.keyboard.press("Control+k");
      await admin.page.getByRole("combobox", { name: "Jump to a channel or thread" }).fill(text);
      await admin.page.getByRole("option", { name: option }).click();
    };
    await jumpTo("claude", /Message Claude/);
    await admin.page.getByRole("heading", { name: "Claude", exact: true }).waitFor();
    const conversation = admin.page.url();
    await admin.page.getByLabel("First message").fill("Are you there?");
    await admin.page.getByRole("button", { name: "Start thread" }).click();
    await message(admin.page, "Are you there?").waitFor();
    // Now listed under its name too; both ways lead to the one conversation.
    await jumpTo("claude", /^Claude/);
    await admin.page.getByRole("heading", { name: "Claude", exact: true }).waitFor();
    expect(admin.page.url()).toBe(conversation);
    await jumpTo("claude", /Message Claude/);
    await admin.page.waitForURL(conversation);
  });
});
