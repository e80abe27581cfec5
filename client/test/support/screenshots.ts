// Screenshots of the main screens, kept as test artifacts (git-ignored).
import type { Page } from "playwright-core";

const SCREENSHOTS = new URL("../../test-results/screenshots/", import.meta.url).pathname;

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png` });
}
