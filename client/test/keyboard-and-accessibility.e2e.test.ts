// Keyboard use (quick switcher, Esc, Up to edit) and an axe check with no
// serious or critical violations on the main screens.
import { describe, expect, it } from "vitest";
import { seriousViolations } from "./support/axe.ts";
import { message, send, signIn, startScenario, startThread } from "./support/browser.ts";
import { saveScreenshot } from "./support/screenshots.ts";

describe("keyboard and accessibility", () => {
  it("passes axe on sign-in, channel, thread and fork screens, and the switcher", async () => {
    const scenario = await startScenario();
    const page = await (await scenario.browser.newContext()).newPage();
    await page.goto(scenario.url);
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);

    const { page: admin } = await signIn(scenario, "admin@example.com");
    await startThread(admin, "town-square", "Axe", "Checking **contrast** and labels");
    await admin.getByRole("button", { name: "← Threads" }).click();
    await admin.getByRole("list", { name: "Threads" }).getByText("Axe").waitFor();
    expect(await seriousViolations(admin)).toEqual([]);

    await admin.getByRole("list", { name: "Threads" }).getByText("Axe").click();
    await message(admin, "Checking").getByRole("button", { name: "React 👍" }).click();
    await message(admin, "Checking").getByRole("button", { name: "👍 1, react" }).waitFor();
    await message(admin, "Checking").getByRole("button", { name: "Fork from here" }).click();
    await send(admin, "Message in this fork", "A side note");
    await admin.getByRole("complementary").getByText("A side note").waitFor();
    await saveScreenshot(admin, "thread-with-fork");
    expect(await seriousViolations(admin)).toEqual([]);

    await admin.keyboard.press("Control+k");
    await admin.getByRole("combobox", { name: "Jump to a channel or thread" }).waitFor();
    await saveScreenshot(admin, "quick-switcher");
    expect(await seriousViolations(admin)).toEqual([]);
  });

  it("jumps with Ctrl+K, closes the fork with Esc, edits the last message with Up", async () => {
    const scenario = await startScenario();
    const { page } = await signIn(scenario, "member@example.com");
    await startThread(page, "town-square", "Roadmap", "First draft");
    await startThread(page, "town-square", "Lunch", "Pizza?");

    await page.keyboard.press("Control+k");
    const jump = page.getByRole("combobox", { name: "Jump to a channel or thread" });
    await jump.fill("road");
    await page.getByRole("option", { name: /Roadmap/ }).waitFor();
    await jump.press("Enter");
    await page.getByRole("heading", { name: "Roadmap" }).waitFor();
    await page.getByRole("dialog").waitFor({ state: "detached" });

    await send(page, "Reply", "Second draft");
    await message(page, "Second draft").getByRole("button", { name: "Fork from here" }).click();
    const fork = page.getByRole("complementary");
    await fork.waitFor();
    await page.keyboard.press("Escape");
    await fork.waitFor({ state: "detached" });

    const reply = page.getByLabel("Reply", { exact: true });
    await reply.focus();
    await reply.press("ArrowUp");
    const edit = page.getByLabel("Edit message", { exact: true });
    await edit.waitFor();
    expect(await edit.evaluate((element) => element === document.activeElement)).toBe(true);
    await edit.fill("Second draft, revised");
    await edit.press("Enter");
    await message(page, "Second draft, revised").getByText("(edited)").waitFor();
  });
});
