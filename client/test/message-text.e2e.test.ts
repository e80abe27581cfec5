// How message text reads: @mentions set apart (the reader's own more so, never inside code),
// bare URLs as safe links, and long text folded after about 30 lines with "Show more".
import { describe, expect, it } from "vitest";
import { message, send, signIn, startScenario, startThread } from "./support/browser.ts";

describe("message text", () => {
  it("sets mentions apart, links bare URLs and folds long messages", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    const threadUrl = await startThread(admin.page, "town-square", "Docs", "Where are the docs?");
    await member.page.goto(threadUrl);
    await send(admin.page, "Reply", "@Member see https://example.com/docs?page=2 with @admin.");
    await send(admin.page, "Reply", "Type `@member` in the box");

    const mentioned = message(member.page, "see https://example.com/docs");
    await mentioned.locator(".mention-self", { hasText: "@Member" }).waitFor();
    expect(await mentioned.locator(".mention:not(.mention-self)").allTextContents()).toEqual([
      "@admin",
    ]);
    const link = mentioned.getByRole("link", { name: "https://example.com/docs?page=2" });
    expect(await link.getAttribute("href")).toBe("https://example.com/docs?page=2");
    expect(await link.getAttribute("rel")).toContain("noopener");
    const inCode = message(member.page, "in the box");
    await inCode.locator("code").waitFor();
    expect(await inCode.locator(".mention").count()).toBe(0);

    const lines = Array.from({ length: 40 }, (_, n) => `line ${n + 1}`).join("\n");
    await send(admin.page, "Reply", `A long list\n${lines}`);
    const long = message(member.page, "A long list");
    const toggle = long.getByRole("button", { name: "Show more" });
    await toggle.waitFor();
    const text = long.locator(".markdown");
    const folded = (await text.boundingBox())?.height ?? 0;
    await toggle.click();
    await long.getByRole("button", { name: "Show less" }).waitFor();
    expect((await text.boundingBox())?.height ?? 0).toBeGreaterThan(folded);
    // A short message has nothing to unfold.
    expect(await mentioned.getByRole("button", { name: "Show more" }).count()).toBe(0);
  });
});
