// Traps that show whether any injected script ran in a page: dialogs
// (alert, confirm, prompt), writes to window.__pwned, and Content-Security-
// Policy violations (a script, frame or URL the policy had to block means the
// markup got into the page). And an audit of the page's markup for anything
// that could run script: event-handler attributes, script-bearing elements,
// and URLs other than http(s), mailto and the app's own.
import type { BrowserContext, Page } from "playwright-core";

declare global {
  interface Window {
    __scriptTraps: string[];
  }
}

export interface ScriptTraps {
  /** Everything that sprang so far, as "kind: detail" lines; empty if no script ran. */
  sprung(): Promise<string[]>;
}

/** Installs the traps in every page of `context` loaded from now on (navigate after this). */
export async function installScriptTraps(
  context: BrowserContext,
  page: Page,
): Promise<ScriptTraps> {
  const dialogs: string[] = [];
  page.on("dialog", (dialog) => {
    dialogs.push(`dialog: ${dialog.type()} ${dialog.message()}`);
    void dialog.dismiss();
  });
  await context.addInitScript(() => {
    window.__scriptTraps = [];
    Object.defineProperty(window, "__pwned", {
      set: (value: unknown) => window.__scriptTraps.push(`__pwned: ${String(value)}`),
      get: () => undefined,
    });
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__scriptTraps.push(`csp: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  return {
    sprung: async () => [...dialogs, ...(await page.evaluate(() => window.__scriptTraps))],
  };
}

/** Markup in the app's root that could run script or load a hostile URL, one line each. */
export function unsafeMarkup(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const root = document.getElementById("root") ?? document.body;
    const dangerous = "script, iframe, frame, object, embed, base, meta, link, style";
    for (const element of root.querySelectorAll(dangerous)) found.push(`<${element.localName}>`);
    const safeUrl = /^(https?:|mailto:|\/|#|$)/i;
    for (const element of root.querySelectorAll("*")) {
      for (const { name, value } of element.attributes) {
        const local = name.toLowerCase().replace(/^xlink:/, "");
        if (local.startsWith("on")) found.push(`<${element.localName} ${name}>`);
        const isUrl = ["href", "src", "action", "formaction", "data", "srcdoc"].includes(local);
        if (isUrl && !safeUrl.test(value.trim())) {
          found.push(`<${element.localName} ${name}="${value}">`);
        }
      }
    }
    return found;
  });
}
