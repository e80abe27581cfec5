// An admin points an agent at an OpenAI-compatible endpoint in the agent's
// admin page: the server's complaints appear at their fields (a base URL it
// refuses; a key it cannot store because the server has no
// OPENVIBE_SECRETS_KEY, with how to set one), and the saved provider is there
// after a reload.
import { describe, expect, it } from "vitest";
import { signIn, startScenario } from "./support/browser.ts";

describe("an agent's model provider", () => {
  it("is set in the agent's admin page, with refusals shown at their fields", async () => {
    const scenario = await startScenario();
    const { page } = await signIn(scenario, "admin@example.com");
    await page.goto(`${scenario.url}/admin/agents`);
    await page
      .getByRole("button", { name: /^Configure / })
      .first()
      .click();
    const form = page.getByRole("form", { name: /^Configuration of / });
    await form.getByLabel("Provider").selectOption("openai-compatible");
    const baseUrl = form.getByLabel(/^Base URL/);
    await baseUrl.fill("ftp://models.example/v1");
    await form.getByRole("button", { name: "Save configuration" }).click();
    await form.getByText("must be an http:// or https:// URL").waitFor();
    expect(await baseUrl.getAttribute("aria-invalid")).toBe("true");

    await baseUrl.fill("http://127.0.0.1:11434/v1");
    const key = form.getByLabel(/^API key/);
    await key.fill("sk-typed-in-the-browser");
    await form.getByRole("button", { name: "Save configuration" }).click();
    await form.getByText(/cannot store a key: set OPENVIBE_SECRETS_KEY/).waitFor();
    expect(await key.getAttribute("aria-invalid")).toBe("true");

    await key.fill("");
    await form.getByRole("button", { name: "Save configuration" }).click();
    await form.getByText("Saved.").waitFor();
    await page.reload();
    await page
      .getByRole("button", { name: /^Configure / })
      .first()
      .click();
    const reloaded = page.getByRole("form", { name: /^Configuration of / });
    await reloaded.getByLabel("Provider").waitFor();
    expect(await reloaded.getByLabel("Provider").inputValue()).toBe("openai-compatible");
    expect(await reloaded.getByLabel(/^Base URL/).inputValue()).toBe("http://127.0.0.1:11434/v1");
    await reloaded.getByLabel("API key (none set)").waitFor();
  });
});
