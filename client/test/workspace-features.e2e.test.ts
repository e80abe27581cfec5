// The workspace's settings take effect for everyone: an admin turns search and forks off on the
// Settings page and a member, on reloading, has no search box, no search view and no "Fork from
// here" (an open fork stays readable and can be abandoned); turned on again, both come back. With
// at most one open fork per thread, a thread holding one refuses another, saying why.
//
// A reload first shows the settings cached in the browser, then the server's. Each save also
// renames the workspace, and the top bar shows that name from the same settings object, so
// waiting for the new name means the new settings are on screen.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  message,
  type Person,
  send,
  signIn,
  startScenario,
  startThread,
} from "./support/browser.ts";

const searchBox = (page: Page) => page.getByRole("searchbox", { name: "Search messages" });
const forkButton = (page: Page, text: string) =>
  message(page, text).getByRole("button", { name: "Fork from here" });

async function showsWorkspace(page: Page, name: string): Promise<void> {
  await page.locator(".workspace-name", { hasText: new RegExp(`^${name}$`) }).waitFor();
}

/** Saves the Settings page with search and forks on or off, renaming the workspace. */
async function saveFeatures(admin: Person, name: string, on: boolean): Promise<void> {
  const form = admin.page.getByRole("form", { name: "Workspace settings" });
  await form.getByLabel("Workspace name").fill(name);
  for (const feature of ["Search", "Forks"])
    await form.getByLabel(feature, { exact: true }).setChecked(on);
  await form.getByRole("button", { name: "Save settings" }).click();
  await showsWorkspace(admin.page, name);
}

describe("workspace feature settings", () => {
  it("hide search and forking from members while off, and bring them back", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    const { page } = await signIn(scenario, "member@example.com");
    await startThread(page, "town-square", "Plans", "First idea");
    await searchBox(page).waitFor();
    await forkButton(page, "First idea").click();
    await send(page, "Message in this fork", "A side note");
    await page.getByRole("complementary").getByText("A side note").waitFor();
    const forkUrl = page.url();

    await admin.page.getByRole("link", { name: "Administration" }).click();
    await admin.page.getByRole("link", { name: "Workspace settings" }).click();
    await saveFeatures(admin, "Acme quiet", false);

    await page.goto(forkUrl);
    await showsWorkspace(page, "Acme quiet");
    await message(page, "First idea").getByRole("button", { name: "Pin" }).waitFor();
    expect(await forkButton(page, "First idea").count()).toBe(0);
    expect(await searchBox(page).count()).toBe(0);
    const fork = page.getByRole("complementary");
    await fork.getByText("A side note").waitFor();
    await fork.getByRole("button", { name: "Abandon" }).click();
    await fork.getByRole("button", { name: "Yes, abandon" }).click();
    await fork.getByText("abandoned", { exact: true }).waitFor();
    await page.goto(`${scenario.url}/search`);
    await page.getByText("Search is turned off in this workspace.").waitFor();

    await saveFeatures(admin, "Acme", true);
    await page.goto(forkUrl);
    await showsWorkspace(page, "Acme");
    await forkButton(page, "First idea").waitFor();
    expect(await searchBox(page).count()).toBe(1);
  });

  it("refuses another fork on a thread holding the most open forks allowed", async () => {
    const scenario = await startScenario();
    const changed = await scenario.workspace.admin.patch("/api/workspace", {
      maxOpenForksPerThread: 1,
    });
    expect(changed.status).toBe(200);
    const { page } = await signIn(scenario, "member@example.com");
    await startThread(page, "town-square", "Plans", "First idea");
    await send(page, "Reply", "Second idea");
    await showsWorkspace(page, "Acme");

    await forkButton(page, "First idea").click();
    await page.getByRole("complementary").waitFor();
    const refused = message(page, "Second idea").getByRole("button", {
      name: "Fork from here",
      disabled: true,
    });
    await refused.waitFor();
    expect(await refused.getAttribute("title")).toMatch(
      /already has 1 open fork \(the workspace allows 1\)/,
    );

    await page.getByRole("complementary").getByRole("button", { name: "Abandon" }).click();
    await page.getByRole("complementary").getByRole("button", { name: "Yes, abandon" }).click();
    await message(page, "Second idea")
      .getByRole("button", { name: "Fork from here", disabled: false })
      .waitFor();
  });
});
