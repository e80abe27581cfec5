// The shared memory in the browser: "Remember this" on a message makes a context item, which the
// channel's Context panel lists (filterable), and its author edits and deletes there; another
// person's open panel follows every change without being reopened. Offline, "Remember this"
// waits on the device and is sent once the server is back.
import { describe, expect, it } from "vitest";
import { seriousViolations } from "./support/axe.ts";
import { message, send, signIn, startScenario, startThread } from "./support/browser.ts";
import { saveScreenshot } from "./support/screenshots.ts";
import { untilControlledByServiceWorker } from "./support/service-worker.ts";

describe("context items", () => {
  it("remembers a message, then shows, filters, edits and deletes it in the Context panel", async () => {
    const scenario = await startScenario();
    const member = await signIn(scenario, "member@example.com");
    const { page } = member;
    const admin = await signIn(scenario, "admin@example.com");
    await admin.page.getByRole("navigation", { name: "Channels" }).getByText("town-square").click();
    await admin.page.getByRole("button", { name: "Context" }).click();
    const watching = admin.page.getByRole("region", { name: "Context" });
    await watching.getByText(/Nothing remembered yet/).waitFor();
    await startThread(page, "town-square", "Release", "We ship on Fridays after the demo");

    const shipped = message(page, "We ship on Fridays");
    await shipped.getByRole("button", { name: "Remember this" }).click();
    const form = shipped.getByRole("form", { name: "Remember this" });
    expect(await form.getByLabel("What to remember").inputValue()).toBe(
      "We ship on Fridays after the demo",
    );
    await form.getByLabel("Kind").selectOption("decision");
    expect(await seriousViolations(page)).toEqual([]);
    await form.getByRole("button", { name: "Remember", exact: true }).click();
    await shipped.getByText("Remembered.").waitFor();
    await watching.getByRole("listitem", { name: "We ship on Fridays after the demo" }).waitFor();

    await page.getByRole("navigation", { name: "Channels" }).getByText("town-square").click();
    await page.getByRole("button", { name: "Context" }).click();
    const panel = page.getByRole("region", { name: "Context" });
    const item = panel.getByRole("listitem", { name: "We ship on Fridays after the demo" });
    await item.getByText("Decision").waitFor();
    const source = item.getByRole("link", { name: "Open the message" });
    expect(await source.getAttribute("href")).toMatch(/\/t\/[^?]+\?m=/);
    await saveScreenshot(page, "context-panel");
    expect(await seriousViolations(page)).toEqual([]);

    // The filter asks the server for items holding every word.
    const filter = panel.getByLabel("Filter context items");
    await filter.fill("tuesdays");
    await panel.getByText("No item holds these words.").waitFor();
    await filter.fill("fridays demo");
    await item.waitFor();

    await item.getByRole("button", { name: "Edit" }).click();
    const editor = item.getByRole("form", { name: "Edit item" });
    await editor.getByLabel("Text").fill("We ship on Thursdays");
    await editor.getByRole("button", { name: "Save" }).click();
    await filter.fill("");
    const edited = panel.getByRole("listitem", { name: "We ship on Thursdays" });
    await edited.waitFor();
    await watching.getByRole("listitem", { name: "We ship on Thursdays" }).waitFor();

    await edited.getByRole("button", { name: "Delete" }).click();
    await edited.getByRole("button", { name: "Yes, delete" }).click();
    await panel.getByText(/Nothing remembered yet/).waitFor();
    await watching.getByText(/Nothing remembered yet/).waitFor();

    await page.getByRole("list", { name: "Threads" }).getByText("Release").click();
    await send(page, "Reply", "Backups run at two");
    const backups = message(page, "Backups run at two");
    await backups.waitFor();
    await untilControlledByServiceWorker(page);
    await member.context.setOffline(true);
    await backups.getByRole("button", { name: "Remember this" }).click();
    const offlineForm = backups.getByRole("form", { name: "Remember this" });
    await offlineForm.getByRole("button", { name: "Remember", exact: true }).click();
    await backups.getByText(/Saved on this device/).waitFor();
    // It survives a reload, offline.
    await page.reload();
    await page.getByRole("heading", { name: "Release" }).waitFor();
    await page.getByRole("button", { name: "← Threads" }).click();
    await page.getByRole("button", { name: "Context" }).click();
    const waiting = page.getByRole("list", { name: "Not yet remembered" });
    await waiting.getByText("waiting to be remembered (offline)").waitFor();
    await member.context.setOffline(false);
    await watching.getByRole("listitem", { name: "Backups run at two" }).waitFor();
    await panel.getByRole("listitem", { name: "Backups run at two" }).waitFor();
    await waiting.waitFor({ state: "detached" });
  });
});
