// Quick posting: a person posts in a channel without inventing a title (the first line becomes
// it), continues the latest thread from the channel's composer, and renames the thread later;
// the other person sees each of these live.
import { describe, it } from "vitest";
import { message, signIn, startScenario } from "./support/browser.ts";

describe("quick posting", () => {
  it("starts a thread titled by its first line, continues the latest one, and renames it", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    for (const person of [admin, member]) {
      await person.page
        .getByRole("navigation", { name: "Channels" })
        .getByText("town-square")
        .click();
    }

    await member.page.getByLabel("First message").fill("**Lunch** at noon?\nThe usual place.");
    await member.page.getByRole("button", { name: "Start thread" }).click();
    await member.page.getByRole("heading", { name: "Lunch at noon?" }).waitFor();
    await admin.page.getByRole("link", { name: /Lunch at noon\?/ }).waitFor();

    await member.page.getByRole("button", { name: "← Threads" }).click();
    await member.page.getByLabel("Post in").selectOption("latest");
    await member.page.getByLabel("First message").fill("Count me in");
    await member.page.getByRole("button", { name: "Post" }).click();
    await message(member.page, "Count me in").waitFor();
    await admin.page.getByRole("link", { name: /Lunch at noon\?/ }).click();
    await message(admin.page, "Count me in").waitFor();

    await member.page.getByRole("button", { name: "Rename" }).click();
    await member.page
      .getByRole("form", { name: "Rename thread" })
      .getByLabel("Thread title")
      .fill("Team lunch");
    await member.page.getByRole("button", { name: "Save" }).click();
    await member.page.getByRole("heading", { name: "Team lunch" }).waitFor();
    await admin.page.getByRole("heading", { name: "Team lunch" }).waitFor();
  });
});
