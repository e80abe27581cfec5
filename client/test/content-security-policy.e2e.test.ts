// The app runs under the server's strict Content-Security-Policy: signing in,
// the WebSocket, a thread, the service worker and a reload report no
// violation, and an inline script injected into the page does not run.
import { describe, expect, it } from "vitest";
import {
  message,
  send,
  startScenario,
  startThread,
  syncIndicator,
  UI_TIMEOUT_MS,
} from "./support/browser.ts";
import { PASSWORD } from "./support/child-workspace.ts";
import { untilControlledByServiceWorker } from "./support/service-worker.ts";

declare global {
  interface Window {
    cspViolations: string[];
    inlineScriptRan?: boolean;
  }
}

describe("Content-Security-Policy", () => {
  it("lets the app run with no violation and blocks inline script", async () => {
    const scenario = await startScenario();
    const shell = await fetch(scenario.url);
    const policy = shell.headers.get("content-security-policy") ?? "";
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ wss:\/\/127\.0\.0\.1:\d+/);
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).not.toContain("unsafe-eval");

    const context = await scenario.browser.newContext();
    // Every violation the page (or anything it loads) reports, from the first navigation on.
    await context.addInitScript(() => {
      window.cspViolations = [];
      document.addEventListener("securitypolicyviolation", (event) => {
        window.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`);
      });
    });
    const page = await context.newPage();
    page.setDefaultTimeout(UI_TIMEOUT_MS);
    const consoleErrors: string[] = [];
    page.on("console", (entry) => {
      if (entry.type() === "error" && /Content.Security.Policy|CSP/i.test(entry.text()))
        consoleErrors.push(entry.text());
    });

    await page.goto(scenario.url);
    await page.getByLabel("Email").fill("member@example.com");
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("navigation", { name: "Channels" }).waitFor();
    await startThread(page, "town-square", "Under policy", "first **bold** message");
    await send(page, "Reply", "a reply over the socket");
    await message(page, "a reply over the socket").waitFor();
    await syncIndicator(page).filter({ hasText: "all synced" }).waitFor();
    await untilControlledByServiceWorker(page);
    await message(page, "a reply over the socket").waitFor();

    expect(await page.evaluate(() => window.cspViolations)).toEqual([]);
    expect(consoleErrors).toEqual([]);

    // The policy is enforced: an inline script added to the page does not run.
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.inlineScriptRan = true";
      document.body.append(script);
    });
    await page.waitForFunction(() => window.cspViolations.length > 0);
    expect(await page.evaluate(() => window.inlineScriptRan)).toBeUndefined();
    expect(await page.evaluate(() => window.cspViolations)).toEqual([
      expect.stringMatching(/^script-src/),
    ]);
  });
});
