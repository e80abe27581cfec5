// Whether a message's row is entirely inside the visible part of its (virtualised) list.
import type { Page } from "playwright-core";

/** In the page: whether the row of message `id` is entirely inside the visible part of its list. */
export function rowInView(id: string): boolean {
  const row = document.querySelector(`[data-message-id="${CSS.escape(id)}"]`);
  const scroller = row?.closest(".message-scroller");
  if (row === null || row === undefined || scroller === null || scroller === undefined) {
    return false;
  }
  const inner = row.getBoundingClientRect();
  const outer = scroller.getBoundingClientRect();
  return inner.top >= outer.top - 1 && inner.bottom <= outer.bottom + 1;
}

export function waitUntilInView(page: Page, messageId: string, timeoutMs?: number) {
  return page.waitForFunction(
    rowInView,
    messageId,
    timeoutMs === undefined ? {} : { timeout: timeoutMs },
  );
}
