// Browser side of the local store benchmark: bundles client/src/sync/bench/page.ts with vite,
// serves it on localhost (IndexedDB needs an origin) with the channel fixtures, and calls the
// page's functions from Node.
import { createServer, type Server } from "node:http";
import { type Browser, chromium, type Page } from "playwright-core";
import { bundleBenchPage } from "./lib/bundle-page.ts";

const GLOBAL_NAME = "openvibeLocalStoreBench";

export type StoreKind = "openvibe" | "y-indexeddb";

export interface Edit {
  threadId: string;
  nowMs: number;
}

// The page's functions (client/src/sync/bench/page.ts), restated: that code is typed for the DOM.
export interface PageBench {
  fetchFixture(url: string): number;
  seed(kind: StoreKind, name: string): undefined;
  reload(kind: StoreKind, name: string, edit: Edit, id: string): number;
  writeLatencies(kind: StoreKind, name: string, edit: Edit, count: number): number[];
  stored(name: string): { rows: number; bytes: number };
}

/** Serves the page, its script, and each fixture at /fixture/<key>. */
function serve(script: string, fixtures: Map<string, Uint8Array>): Promise<Server> {
  const server = createServer((request, response) => {
    const url = request.url ?? "/";
    const fixture = fixtures.get(url.replace("/fixture/", ""));
    if (url === "/bench.js") {
      response.writeHead(200, { "content-type": "text/javascript" }).end(script);
    } else if (url.startsWith("/fixture/") && fixture !== undefined) {
      response.writeHead(200, { "content-type": "application/octet-stream" }).end(fixture);
    } else {
      response
        .writeHead(200, { "content-type": "text/html" })
        .end('<!doctype html><title>bench</title><script src="/bench.js"></script>');
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

export interface BenchPage {
  call<M extends keyof PageBench>(
    method: M,
    ...args: Parameters<PageBench[M]>
  ): Promise<ReturnType<PageBench[M]>>;
  close(): Promise<void>;
}

/** Chromium on a page that has the bench loaded, with `fixtures` served at /fixture/<key>. */
export async function openBenchPage(fixtures: Map<string, Uint8Array>): Promise<BenchPage> {
  const server = await serve(
    await bundleBenchPage("client/src/sync/bench/page.ts", GLOBAL_NAME),
    fixtures,
  );
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({
      executablePath: "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
    });
    const page: Page = await browser.newPage();
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    await page.goto(`http://127.0.0.1:${port}/`);
    const opened = browser;
    return {
      call: (method, ...args) =>
        page.evaluate(
          ([global, name, values]) => {
            type Methods = Record<string, (...args: unknown[]) => unknown>;
            const scope = globalThis as unknown as Record<string, { bench: Methods } | undefined>;
            const call = scope[global]?.bench[name];
            if (call === undefined) throw new Error(`the bench page has no ${name}`);
            return call(...values);
          },
          [GLOBAL_NAME, method, args as unknown[]] as const,
        ) as Promise<ReturnType<PageBench[typeof method]>>,
      close: async () => {
        await opened.close();
        server.close();
      },
    };
  } catch (error) {
    await browser?.close();
    server.close();
    throw error;
  }
}
