import { afterEach, describe, expect, it, vi } from "vitest";
import { onPageHidden } from "./page-hidden.ts";

function fakePage(visibilityState: DocumentVisibilityState) {
  const window = new EventTarget();
  const document = Object.assign(new EventTarget(), { visibilityState });
  vi.stubGlobal("window", window);
  vi.stubGlobal("document", document);
  return { window, document };
}

describe("onPageHidden", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("fires when the page is hidden or unloaded, until stopped", () => {
    const page = fakePage("hidden");
    let calls = 0;
    const stop = onPageHidden(() => {
      calls += 1;
    });
    page.document.dispatchEvent(new Event("visibilitychange"));
    page.window.dispatchEvent(new Event("pagehide"));
    expect(calls).toBe(2);
    stop();
    page.window.dispatchEvent(new Event("pagehide"));
    expect(calls).toBe(2);
  });

  it("ignores the page becoming visible", () => {
    const page = fakePage("visible");
    let calls = 0;
    const stop = onPageHidden(() => {
      calls += 1;
    });
    page.document.dispatchEvent(new Event("visibilitychange"));
    expect(calls).toBe(0);
    stop();
  });
});
