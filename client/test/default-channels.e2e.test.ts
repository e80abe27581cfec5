// Default channels: #general from setup on, and whichever an admin ticks in the workspace
// settings; someone who then joins with an invite link is a member of them and lands in the first.
import type { CreatedInvite } from "@openvibe/schema";
import { describe, expect, it } from "vitest";
import { signIn, startScenario, UI_TIMEOUT_MS } from "./support/browser.ts";
import { CHANNEL, expectStatus, PASSWORD } from "./support/child-workspace.ts";

describe("default channels", () => {
  it("are joined by a newcomer, who lands in one", async () => {
    const scenario = await startScenario();
    const { page: admin } = await signIn(scenario, "admin@example.com");
    await admin.getByRole("link", { name: "Administration" }).click();
    await admin.getByRole("link", { name: "Workspace settings" }).click();
    const defaults = admin.getByRole("group", { name: "Default channels" });
    // Setup made #general the default; the admin swaps it for #town-square.
    await defaults.getByLabel("#general").uncheck();
    await defaults.getByLabel(`#${CHANNEL}`).check();
    await admin.getByRole("button", { name: "Save settings" }).click();
    await admin.getByText("Saved.").waitFor();

    const invite = expectStatus(
      await scenario.workspace.admin.post<CreatedInvite>("/api/invites", { role: "member" }),
      201,
      "creating an invite",
    );
    const page = await (await scenario.browser.newContext()).newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    await page.goto(invite.url);
    await page.getByLabel("Your name").fill("Newcomer");
    await page.getByLabel("Email").fill("newcomer@example.com");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Join" }).click();

    await page.getByRole("heading", { name: `# ${CHANNEL}` }).waitFor();
    const sidebar = page.getByRole("navigation", { name: "Channels" });
    const current = sidebar.getByRole("link", { name: new RegExp(CHANNEL) });
    expect(await current.first().getAttribute("aria-current")).toBe("page");
    expect(await sidebar.getByRole("link", { name: /general/ }).count()).toBe(0);
  });
});
