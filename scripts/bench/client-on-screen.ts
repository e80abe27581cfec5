// When the newest message is first on screen, seen from inside the page at no cost to it. An init
// script (run by Chromium at the start of every document, before the app's own scripts) checks
// once per animation frame whether a message holding the text is laid out inside the viewport,
// and keeps performance.now() of the first frame where it is. Playwright's waitForFunction did
// the same check, but it first compiles Playwright's injected script in every new document: 15 to
// 35 ms of the page's main thread per navigation (seen in a --trace), counted in every open.
import type { BrowserContext, Page } from "playwright-core";

/** The page's globals the check uses, restated: the scripts' tsconfig has no DOM types. */
interface WatchGlobals {
  document: {
    querySelectorAll(selector: string): Iterable<{
      textContent: string | null;
      getBoundingClientRect(): { height: number; top: number; bottom: number };
    }>;
  };
  innerHeight: number;
  top: unknown;
  requestAnimationFrame(callback: () => void): number;
  setTimeout(callback: () => void, ms: number): number;
  __newestOnScreen?: Promise<number>;
}

/** Installs the check in every document `context` opens from now on. */
export async function watchNewestOnScreen(
  context: BrowserContext,
  body: string,
  timeoutMs: number,
): Promise<void> {
  await context.addInitScript(
    ({ text, deadline }) => {
      const page = globalThis as unknown as WatchGlobals;
      if (page.top !== page) return; // frames other than the app's own
      page.__newestOnScreen = new Promise((resolve, reject) => {
        page.setTimeout(
          () => reject(new Error(`no message with "${text}" on screen after ${deadline} ms`)),
          deadline,
        );
        const check = () => {
          for (const item of page.document.querySelectorAll("article.message")) {
            if (!item.textContent?.includes(text)) continue;
            const box = item.getBoundingClientRect();
            if (box.height > 0 && box.bottom > 0 && box.top < page.innerHeight) {
              resolve(performance.now());
              return;
            }
          }
          page.requestAnimationFrame(check);
        };
        page.requestAnimationFrame(check);
      });
    },
    { text: body, deadline: timeoutMs },
  );
}

/** performance.now() when the current document first showed the message (watchNewestOnScreen). */
export async function newestOnScreen(page: Page): Promise<number> {
  return page.evaluate(() => {
    const watched = (globalThis as unknown as WatchGlobals).__newestOnScreen;
    if (watched === undefined) throw new Error("the on-screen check is not installed");
    return watched;
  });
}
