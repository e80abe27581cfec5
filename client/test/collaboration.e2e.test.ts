// Two people in two browsers: what one does appears on the other's screen.
import { describe, it } from "vitest";
import { message, send, signIn, startScenario, startThread } from "./support/browser.ts";

describe("two people chatting", () => {
  it("see each other's messages, edits, reactions, forks and resolutions", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");

    const threadUrl = await startThread(admin.page, "town-square", "Launch", "Kick-off **today**");
    await member.page.goto(threadUrl);
    await message(member.page, "Kick-off today").locator("strong").waitFor();

    await send(member.page, "Reply", "Sounds good to me");
    await message(admin.page, "Sounds good to me").waitFor();

    await message(admin.page, "Kick-off").getByRole("button", { name: "Edit" }).click();
    await send(admin.page, "Edit message", "Kick-off tomorrow");
    await message(member.page, "Kick-off tomorrow").getByText("(edited)").waitFor();

    await message(member.page, "Kick-off tomorrow")
      .getByRole("button", { name: "React 👍" })
      .click();
    await message(admin.page, "Kick-off tomorrow")
      .getByRole("button", { name: "👍 1, react" })
      .waitFor();

    await message(admin.page, "Sounds good")
      .getByRole("button", { name: "Fork from here" })
      .click();
    await send(admin.page, "Message in this fork", "What about the venue?");
    const marker = message(member.page, "Sounds good").getByRole("button", { name: /^Fork: / });
    await marker.getByText("1 messages").waitFor();
    await marker.click();
    await member.page.getByRole("complementary").getByText("What about the venue?").waitFor();

    await admin.page.getByRole("button", { name: "Resolve", exact: true }).click();
    await send(admin.page, "Resolution", "Venue: the *big* room");
    await message(member.page, "Venue: the big room").getByText("Fork resolution").waitFor();
    await member.page.getByRole("complementary").getByText("resolved", { exact: true }).waitFor();
  });
});
