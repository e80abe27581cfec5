// A workspace brought from Slack, in the browser: after `ovb setup` and `ovb import-slack`, the
// admin sees Slack's people as not claimed yet, makes a claim link for one of them from the
// Members page, and that person joins through it as the imported account and reads the
// conversations Slack had, with their reactions.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it, onTestFinished } from "vitest";
import { spawnServer } from "../../sync-server/test/support/child-server.ts";
import { ovb } from "../../sync-server/test/support/ovb.ts";
import { slackExport } from "../../sync-server/test/support/slack-export.ts";
import { temporaryDataDir } from "../../sync-server/test/support/test-server.ts";
import { launchBrowser, UI_TIMEOUT_MS } from "./support/browser.ts";
import { PASSWORD } from "./support/child-workspace.ts";

describe("accounts imported from Slack", () => {
  it("are claimed through a link the admin makes on the Members page", async () => {
    const dataDir = temporaryDataDir();
    const setup = await ovb(
      dataDir,
      [
        "setup",
        "--workspace",
        "Acme",
        "--email",
        "admin@example.com",
        "--name",
        "Admin",
        "--password-stdin",
      ],
      `${PASSWORD}\n`,
    );
    expect(setup.code, setup.stderr).toBe(0);
    const zip = join(dataDir, "slack.zip");
    writeFileSync(zip, slackExport());
    const imported = await ovb(dataDir, ["import-slack", zip]);
    expect(imported.code, imported.stderr).toBe(0);
    const server = await spawnServer({
      OPENVIBE_DATA_DIR: dataDir,
      OPENVIBE_CLIENT_DIR: inject("clientDir"),
      OPENVIBE_SQLITE_SYNCHRONOUS: "normal",
      OPENVIBE_BRIDGE_KEY_FILE: "off",
    });
    onTestFinished(() => server.kill());
    const url = server.websocketUrl.replace(/^ws/, "http");
    const browser = await launchBrowser();

    const admin = await (await browser.newContext()).newPage();
    admin.setDefaultTimeout(UI_TIMEOUT_MS);
    await admin.goto(url);
    await admin.getByLabel("Email").fill("admin@example.com");
    await admin.getByLabel("Password").fill(PASSWORD);
    await admin.getByRole("button", { name: "Sign in" }).click();
    await admin.getByRole("link", { name: "Administration" }).click();
    const ben = admin
      .getByRole("row")
      .filter({ has: admin.getByRole("rowheader", { name: "Ben Builder", exact: true }) });
    await ben.getByText("not claimed yet").waitFor();
    await ben.getByRole("button", { name: "Invite Ben Builder to claim" }).click();
    const link = await admin.getByLabel("Claim link for Ben Builder").inputValue();
    expect(link).toMatch(/\/invite\/ovi_/);

    const page = await (await browser.newContext()).newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    await page.goto(link);
    await page.getByLabel("Your name").fill("Ben");
    await page.getByLabel("Email").fill("ben@new.example");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Join" }).click();
    const sidebar = page.getByRole("navigation", { name: "Channels" });
    await sidebar.getByText("general").click();
    await page.getByText("Release plan for Friday").first().click();
    await page.getByText("Updated the checklist").waitFor();
    await page.getByText("Sounds good @ben.builder").waitFor();

    // The account is Ben's now, under the name he chose.
    await admin.reload();
    await admin
      .getByRole("row")
      .filter({ has: admin.getByRole("rowheader", { name: "Ben", exact: true }) })
      .getByText("active", { exact: true })
      .waitFor();
  }, 120_000);
});
