// Reactions with any emoji: a searchable picker (recently used first), :shortcode: completion
// in the composer, and who reacted on hover, on focus and on a long press on a phone.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "./support/axe.ts";
import { message, signIn, startScenario, startThread } from "./support/browser.ts";
import { PHONE } from "./support/phone.ts";
import { saveScreenshot } from "./support/screenshots.ts";

function pill(page: Page, text: string, label: string) {
  return message(page, text).getByRole("button", { name: label });
}

function tooltip(page: Page, text: string) {
  return message(page, text).getByRole("tooltip");
}

describe("reactions", () => {
  it("reacts with any emoji from the picker and shows who reacted", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const threadUrl = await startThread(admin.page, "town-square", "Launch", "We ship today");
    const member = await signIn(scenario, "member@example.com");
    await member.page.goto(threadUrl);

    // The picker: search, pick with the keyboard.
    await pill(member.page, "We ship today", "Add reaction").click();
    const picker = member.page.getByRole("dialog", { name: "Pick a reaction" });
    await picker.getByRole("group", { name: "Recently used" }).waitFor();
    await picker.getByRole("combobox", { name: "Search emoji" }).fill("rocket");
    await picker.getByRole("option", { name: /^rocket :rocket:/ }).waitFor();
    await saveScreenshot(member.page, "emoji-picker");
    expect(await seriousViolations(member.page)).toEqual([]);
    await member.page.keyboard.press("Enter");
    await picker.waitFor({ state: "detached" });
    await pill(member.page, "We ship today", "🚀 1, react").waitFor();

    // The other person sees it live, and who gave it on hover; they add theirs by clicking.
    const rocket = pill(admin.page, "We ship today", "🚀 1, react");
    await rocket.hover();
    await tooltip(admin.page, "We ship today").getByText("member reacted with 🚀").waitFor();
    await rocket.click();
    const both = pill(admin.page, "We ship today", "🚀 2, react");
    await both.waitFor();
    expect(await both.getAttribute("aria-pressed")).toBe("true");
    await pill(member.page, "We ship today", "🚀 2, react").focus();
    await tooltip(member.page, "We ship today")
      .getByText("admin and you reacted with 🚀")
      .waitFor();

    // Recently used first, next time; Esc closes the picker and nothing else.
    await pill(member.page, "We ship today", "Add reaction").click();
    const recent = picker.getByRole("group", { name: "Recently used" }).getByRole("option");
    expect(await recent.first().getAttribute("aria-label")).toBe("rocket :rocket:");
    await member.page.keyboard.press("Escape");
    await picker.waitFor({ state: "detached" });
    await member.page.getByRole("heading", { name: "Launch" }).waitFor();
  });

  it("completes :shortcodes: in the composer", async () => {
    const scenario = await startScenario();
    const { page } = await signIn(scenario, "member@example.com");
    await startThread(page, "town-square", "Emoji", "Testing");
    const reply = page.getByLabel("Reply", { exact: true });
    await reply.pressSequentially("Shipped :tad");
    const suggestions = page.getByRole("listbox", { name: "Emoji suggestions" });
    const first = suggestions.getByRole("option").first();
    await first.waitFor();
    expect(await first.textContent()).toContain(":tada:");
    expect(await first.getAttribute("aria-selected")).toBe("true");
    await reply.press("Enter");
    await suggestions.waitFor({ state: "detached" });
    expect(await reply.inputValue()).toBe("Shipped 🎉 ");
    await reply.pressSequentially("at last");
    await reply.press("Enter");
    await message(page, "Shipped 🎉 at last").waitFor();

    // A time is not a shortcode.
    await reply.pressSequentially("at 12:30");
    expect(await suggestions.count()).toBe(0);
  });

  it("shows who reacted on a long press on a phone, without toggling the reaction", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const threadUrl = await startThread(admin.page, "town-square", "Lunch", "Pizza?");
    await pill(admin.page, "Pizza?", "React 👍").click();
    await pill(admin.page, "Pizza?", "👍 1, react").waitFor();
    const phone = await signIn(scenario, "member@example.com", PHONE);
    await phone.page.goto(threadUrl);
    const thumbs = pill(phone.page, "Pizza?", "👍 1, react");
    await thumbs.waitFor();

    const box = await thumbs.boundingBox();
    if (box === null) throw new Error("the reaction has no box");
    const touch = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    const cdp = await phone.context.newCDPSession(phone.page);
    await cdp.send("Input.dispatchTouchEvent", { type: "touchStart", touchPoints: [touch] });
    const who = tooltip(phone.page, "Pizza?").getByText("admin reacted with 👍");
    await who.waitFor();
    await cdp.send("Input.dispatchTouchEvent", { type: "touchEnd", touchPoints: [] });
    await saveScreenshot(phone.page, "phone-who-reacted");
    expect(await thumbs.getAttribute("aria-pressed")).toBe("false");
    expect(await pill(phone.page, "Pizza?", "👍 1, react").count()).toBe(1);

    // A tap still reacts.
    await thumbs.tap();
    await pill(phone.page, "Pizza?", "👍 2, react").waitFor();
  });
});
