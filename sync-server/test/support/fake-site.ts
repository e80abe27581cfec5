// A local web site for link-preview tests: real HTTP on 127.0.0.1, port 0, one handler per
// path, counting the requests each path received. Closed when the test finishes.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { onTestFinished } from "vitest";

export type PageHandler = (request: IncomingMessage, response: ServerResponse) => void;

export interface FakeSite {
  /** http://127.0.0.1:<port><path> */
  url(path: string): string;
  /** Requests received per path. */
  hits(path: string): number;
}

export async function startFakeSite(pages: Record<string, PageHandler>): Promise<FakeSite> {
  const hits = new Map<string, number>();
  const server = createServer((request, response) => {
    const path = request.url ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const handler = pages[path];
    if (handler === undefined) response.writeHead(404).end();
    else handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onTestFinished(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hits: (path) => hits.get(path) ?? 0,
  };
}

export function htmlPage(head: string, body = ""): PageHandler {
  return (_request, response) => {
    response.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    response.end(`<!doctype html><html><head>${head}</head><body>${body}</body></html>`);
  };
}
