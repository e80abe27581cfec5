// The admin page's export: an admin downloads the workspace as JSON (the file `ovb import`
// reads) and as Markdown, and one channel, from the Channels page, with the real server.
import { readFileSync } from "node:fs";
import type { ExportFile } from "@openvibe/schema";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { signIn, startScenario } from "./support/browser.ts";

async function download(page: Page, name: string): Promise<{ file: string; text: string }> {
  const [event] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name, exact: true }).click(),
  ]);
  const path = await event.path();
  return { file: event.suggestedFilename(), text: readFileSync(path, "utf8") };
}

describe("export from the admin pages", () => {
  it("downloads the workspace as JSON and Markdown, and one channel", async () => {
    const scenario = await startScenario();
    const admin = await signIn(scenario, "admin@example.com");
    await admin.page.getByRole("link", { name: "Administration" }).click();
    await admin.page
      .getByRole("navigation", { name: "Administration" })
      .getByRole("link", { name: "Channels" })
      .click();
    await admin.page.getByRole("heading", { name: "Export" }).waitFor();

    const json = await download(admin.page, "Download JSON");
    expect(json.file).toMatch(/^openvibe-workspace-\d{4}-\d{2}-\d{2}\.json$/);
    const file = JSON.parse(json.text) as ExportFile;
    expect(file).toMatchObject({
      format: "openvibe-export",
      version: 3,
      scope: { kind: "workspace" },
    });
    expect(file.channels.map((c) => c.name)).toContain("general");

    const markdown = await download(admin.page, "Download Markdown");
    expect(markdown.file).toMatch(/\.md$/);
    expect(markdown.text).toContain("## #general");

    const one = await download(admin.page, "Export general");
    expect((JSON.parse(one.text) as ExportFile).channels.map((c) => c.name)).toEqual(["general"]);
  }, 120_000);
});
