// Message content can never run script or inject markup.
import { describe, expect, it } from "vitest";
import { message, signIn, startScenario, startThread } from "./support/browser.ts";

const HOSTILE = [
  '<img src=x onerror="window.__pwned = true">',
  "<script>window.__pwned = true</script>",
  "[click me](javascript:window.__pwned=true)",
  '<a href="javascript:window.__pwned=true">raw link</a>',
  "[a real link](https://example.com/page)",
  "\u202Eevil\u200B text",
].join("\n\n");

describe("hostile content", () => {
  it("renders as inert text and safe links", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    const threadUrl = await startThread(admin.page, "town-square", "Hostile", HOSTILE);
    await member.page.goto(threadUrl);

    const body = message(member.page, "a real link").locator(".markdown");
    await body.getByText("<script>window.__pwned = true</script>").waitFor();
    await body.getByText('<img src=x onerror="window.__pwned = true">').waitFor();
    expect(await body.locator("img, script, [onerror]").count()).toBe(0);

    const links = await body
      .locator("a")
      .evaluateAll((anchors) =>
        anchors.map((a) => [a.textContent, a.getAttribute("href"), a.getAttribute("rel")]),
      );
    expect(links).toEqual([
      ["click me", "", "noopener noreferrer nofollow"],
      ["a real link", "https://example.com/page", "noopener noreferrer nofollow"],
    ]);
    await body.getByText("click me").click();
    expect(await member.page.evaluate(() => "__pwned" in window)).toBe(false);
  });
});
