// Waits until the service worker controls the page (so a reload works with no network).
import type { Page } from "playwright-core";

export async function untilControlledByServiceWorker(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}
