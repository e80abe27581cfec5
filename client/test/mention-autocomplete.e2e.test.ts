// @mention autocomplete in the composer: a combobox listbox of people and agents, driven by
// the keyboard (arrows, Enter, Tab, Esc).
import { describe, expect, it } from "vitest";
import { message, signIn, startScenario, startThread } from "./support/browser.ts";

describe("mention autocomplete", () => {
  it("suggests people and agents and inserts the chosen handle", async () => {
    const scenario = await startScenario();
    const { page } = await signIn(scenario, "admin@example.com");
    await startThread(page, "town-square", "Plans", "Let us plan");
    const composer = page.getByLabel("Reply", { exact: true });
    const suggestions = page.getByRole("listbox", { name: "Mention suggestions" });

    await composer.pressSequentially("Hi @cl");
    await suggestions.getByRole("option", { name: /@claude/ }).waitFor();
    expect(await composer.getAttribute("aria-expanded")).toBe("true");
    await composer.press("Enter");
    await suggestions.waitFor({ state: "detached" });
    expect(await composer.inputValue()).toBe("Hi @claude ");

    await composer.pressSequentially("and @");
    await suggestions.getByRole("option").nth(2).waitFor();
    const handles = await suggestions
      .getByRole("option")
      .locator(".mention-handle")
      .allTextContents();
    expect(handles).toEqual(["@admin", "@claude", "@member"]);
    // Each suggestion shows the person's avatar (initials).
    expect(await suggestions.getByRole("option").locator(".avatar").allTextContents()).toEqual([
      "A",
      "C",
      "M",
    ]);
    await composer.press("ArrowDown");
    await composer.press("ArrowDown");
    const selected = suggestions.getByRole("option", { selected: true });
    expect(await selected.locator(".mention-handle").textContent()).toBe("@member");
    await composer.press("Tab");
    expect(await composer.inputValue()).toBe("Hi @claude and @member ");

    await composer.pressSequentially("or @ad");
    await suggestions.waitFor();
    await composer.press("Escape");
    await suggestions.waitFor({ state: "detached" });
    expect(await composer.inputValue()).toBe("Hi @claude and @member or @ad");

    await composer.press("Enter");
    await message(page, "Hi @claude and @member or @ad").waitFor();
  });
});
