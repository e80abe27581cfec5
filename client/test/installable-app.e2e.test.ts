// The app as something people install: Chromium finds nothing missing to install it (manifest,
// icons, service worker), and an open tab learns of a newly deployed version and offers a reload
// without reloading by itself.
import { cpSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { temporaryDataDir } from "../../sync-server/test/support/test-server.ts";
import { signInWithProfile, startScenario } from "./support/browser.ts";
import { untilControlledByServiceWorker } from "./support/service-worker.ts";

describe("the installable app", () => {
  it("meets Chromium's install criteria and offers a reload when a new version is deployed", async () => {
    // A copy of the built client, so the test can deploy a "new version" of it.
    const clientDir = join(temporaryDataDir(), "client");
    cpSync(inject("clientDir"), clientDir, { recursive: true });
    const scenario = await startScenario({ OPENVIBE_CLIENT_DIR: clientDir });
    // A real profile: Chromium never offers to install from an incognito-like context.
    const member = await signInWithProfile(scenario, "member@example.com");
    const { page } = member;
    await untilControlledByServiceWorker(page);

    const manifest = await (await fetch(`${scenario.url}/manifest.webmanifest`)).json();
    expect(manifest).toMatchObject({ name: "OpenVibe", display: "standalone", start_url: "/" });
    const cdp = await member.context.newCDPSession(page);
    const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
    for (const icon of manifest.icons as { src: string; type: string }[]) {
      const response = await fetch(`${scenario.url}${icon.src}`);
      expect(response.status, icon.src).toBe(200);
      expect(response.headers.get("content-type"), icon.src).toContain(icon.type);
    }

    // Someone is typing when the new version arrives: nothing reloads under them.
    const composerText = "half a thought";
    await page.getByRole("navigation", { name: "Channels" }).getByText("town-square").click();
    await page.getByLabel("First message").fill(composerText);
    const worker = join(clientDir, "sw.js");
    writeFileSync(worker, `${readFileSync(worker, "utf8")}\n// deployed again\n`);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration?.update();
    });
    const notice = page.getByRole("status").filter({ hasText: "A new version is ready" });
    await notice.waitFor();
    expect(await page.getByLabel("First message").inputValue()).toBe(composerText);
    await notice.getByRole("button", { name: "Reload" }).click();
    await page.getByRole("navigation", { name: "Channels" }).waitFor();
    expect(await notice.count()).toBe(0);
  });
});
