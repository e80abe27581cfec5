// Administration through the UI: inviting someone who then signs up with the
// link, changing a role, deactivating a person (their session ends), and a
// member creating a private channel and adding someone to it.
import { mkdirSync } from "node:fs";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { seriousViolations } from "./support/axe.ts";
import { signIn, startScenario } from "./support/browser.ts";
import { PASSWORD } from "./support/child-workspace.ts";

async function openAdmin(page: Page): Promise<void> {
  await page.getByRole("link", { name: "Administration" }).click();
  await page.getByRole("heading", { name: "Members & invites" }).waitFor();
}

const SCREENSHOTS = new URL("../test-results/screenshots/", import.meta.url).pathname;

function memberRow(page: Page, name: string) {
  return page.getByRole("row").filter({ has: page.getByRole("rowheader", { name, exact: true }) });
}

describe("administration", () => {
  it("invites someone by link; they sign up and land in the workspace", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    await openAdmin(admin.page);
    await admin.page.getByLabel("Role", { exact: true }).selectOption("member");
    await admin.page.getByLabel("Can be used by").selectOption("1");
    await admin.page.getByRole("button", { name: "Create invite link" }).click();
    const link = await admin.page.getByLabel("Invite link", { exact: true }).inputValue();
    expect(link).toMatch(/\/invite\/.+/);
    await admin.page.getByRole("table", { name: "Invite links" }).getByText("active").waitFor();

    const newcomer = await scenario.browser.newContext();
    const page = await newcomer.newPage();
    await page.goto(link);
    await page.getByText("You are invited to Acme as member.").waitFor();
    await page.getByLabel("Your name").fill("Grace");
    await page.getByLabel("Email").fill("grace@example.com");
    // The password rule shows before anyone submits; a shorter one is not sent.
    const password = page.getByLabel("Password");
    await page.getByText("At least 10 characters.").waitFor();
    await password.fill("short");
    await page.getByRole("button", { name: "Join" }).click();
    expect(await password.evaluate((input: HTMLInputElement) => input.validity.tooShort)).toBe(
      true,
    );
    await password.fill(PASSWORD);
    await page.getByRole("button", { name: "Join" }).click();
    await page.getByRole("navigation", { name: "Channels" }).waitFor();
    expect(await page.getByRole("link", { name: "Administration" }).count()).toBe(0);

    await admin.page.reload();
    await memberRow(admin.page, "Grace").getByText("active").waitFor();
    // Two used-up links: the seed's invite of member@ and this one.
    const usedUp = admin.page.getByRole("table", { name: "Invite links" }).getByText("used up");
    await usedUp.nth(1).waitFor();
  });

  it("changes a role, and deactivating a person ends their session", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    await openAdmin(admin.page);

    await admin.page.getByLabel("Role of member").selectOption("guest");
    await admin.page.reload();
    expect(await admin.page.getByLabel("Role of member").inputValue()).toBe("guest");

    await admin.page.getByRole("button", { name: "Deactivate member" }).click();
    await admin.page.getByRole("button", { name: "Confirm" }).click();
    await memberRow(admin.page, "member").getByText("deactivated").waitFor();
    await member.page.getByRole("button", { name: "Sign in" }).waitFor();
  });

  it("shows every admin section accessibly (axe), with screenshots", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    await openAdmin(admin.page);
    mkdirSync(SCREENSHOTS, { recursive: true });
    const sections = admin.page.getByRole("navigation", { name: "Administration" });
    for (const title of [
      "Members & invites",
      "Channels",
      "Agents & API keys",
      "Workspace settings",
      "Audit log",
    ]) {
      await sections.getByRole("link", { name: title }).click();
      await admin.page.getByRole("heading", { name: title, level: 1 }).waitFor();
      expect(await seriousViolations(admin.page), title).toEqual([]);
      const file = title.toLowerCase().replace(/[^a-z]+/g, "-");
      await admin.page.screenshot({ path: `${SCREENSHOTS}admin-${file}.png`, fullPage: true });
    }
    // The audit log (the last section) reads as sentences with names, not codes and JSON.
    const entries = admin.page.getByRole("list", { name: "Audit entries" });
    await entries.getByText(/set up the workspace$/).waitFor();
    await entries.getByText(/joined with an invite link as a member$/).waitFor();
    const text = (await entries.textContent()) ?? "";
    expect(text).not.toMatch(/[{}]|user\.|channel\./);
  });

  it("keeps members out of the admin pages", async () => {
    const scenario = await startScenario();
    const member = await signIn(scenario, "member@example.com");
    expect(await member.page.getByRole("link", { name: "Administration" }).count()).toBe(0);
    await member.page.goto(`${scenario.url}/admin/members`);
    await member.page.getByText("Only admins can manage the workspace.").waitFor();
  });

  it("lets a member create a private channel and add someone", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const member = await signIn(scenario, "member@example.com");
    const { page } = member;
    await page.getByRole("button", { name: "New channel" }).click();
    const form = page.getByRole("form", { name: "New channel" });
    await form.getByLabel("Name").fill("skunkworks");
    await form.getByLabel("Topic").fill("The secret project");
    await form.getByLabel("Private (invited only)").check();
    await form.getByRole("button", { name: "Create channel" }).click();
    await page.getByRole("heading", { name: "skunkworks" }).waitFor();

    await page.getByRole("link", { name: "Channel settings" }).click();
    await page.getByRole("heading", { name: "Settings of #skunkworks" }).waitFor();
    await page.getByLabel("Add a member").selectOption({ label: "admin (@admin)" });
    await page.getByRole("button", { name: "Add", exact: true }).click();
    await page.getByRole("button", { name: "Remove admin" }).waitFor();

    await admin.page.reload();
    const sidebar = admin.page.getByRole("navigation", { name: "Channels" });
    await sidebar.getByRole("link", { name: /skunkworks/ }).waitFor();
  });
});
