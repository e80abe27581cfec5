// A phone in Chromium: a 390×844 screen with touch (an iPhone 12-14's CSS size), and the
// layout checks every phone screen must pass: nothing wider than the screen, and every
// control big enough for a finger.
import type { BrowserContextOptions, Page } from "playwright-core";

export const PHONE: BrowserContextOptions = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 3,
  isMobile: true,
  hasTouch: true,
};

/** WCAG 2.5.5: a touch target is at least 44 by 44 CSS pixels. */
export const MIN_TOUCH_TARGET_PX = 44;

/**
 * What scrolls sideways: the page itself (document.scrollingElement wider than the window),
 * or any scrolling region wider than its box. Empty when nothing does.
 */
export function horizontalOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.scrollingElement;
    if (root !== null && root.scrollWidth > window.innerWidth) {
      found.push(`page: ${root.scrollWidth} > ${window.innerWidth}`);
    }
    for (const element of document.querySelectorAll("body *")) {
      const { overflowX } = getComputedStyle(element);
      if (overflowX !== "auto" && overflowX !== "scroll") continue;
      if (element.scrollWidth > element.clientWidth) {
        found.push(
          `${element.tagName.toLowerCase()}.${element.className}: ${element.scrollWidth} > ${element.clientWidth}`,
        );
      }
    }
    return found;
  });
}

/**
 * The visible controls smaller than a finger, described by their role and name. Links inside
 * message text are inline and keep the size of their text (WCAG 2.5.5's exception).
 */
export function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate((min) => {
    const controls = document.querySelectorAll(
      "button, a[href], input, select, textarea, [role='option']",
    );
    const found: string[] = [];
    for (const control of controls) {
      if (control.closest(".markdown") !== null || !control.checkVisibility()) continue;
      const { width, height } = control.getBoundingClientRect();
      if (width >= min && height >= min) continue;
      const name =
        control.getAttribute("aria-label") ?? control.textContent?.trim() ?? control.tagName;
      found.push(
        `${control.tagName.toLowerCase()} "${name}": ${Math.round(width)}×${Math.round(height)}`,
      );
    }
    return found;
  }, MIN_TOUCH_TARGET_PX);
}

/** Whether `selector`'s box lies wholly inside the window (not under the keyboard). */
export function whollyOnScreen(page: Page, selector: string): Promise<boolean> {
  return page.locator(selector).evaluate((element) => {
    const box = element.getBoundingClientRect();
    return (
      box.top >= 0 &&
      box.left >= 0 &&
      box.bottom <= window.innerHeight &&
      box.right <= window.innerWidth
    );
  });
}
