// The HTTP side of the server (Hono): health, then the built client when present.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { secureHeaders } from "hono/secure-headers";
import type { Logger } from "../logger.ts";
import { jsonError } from "./errors.ts";

export interface HttpAppOptions {
  version: string;
  startedAt: number;
  clientDir: string;
  logger: Logger;
}

export function createHttpApp(options: HttpAppOptions): Hono {
  const app = new Hono();
  app.use(secureHeaders());

  app.get("/health", (c) =>
    c.json({
      status: "ok",
      version: options.version,
      uptimeSeconds: Math.floor((Date.now() - options.startedAt) / 1000),
    }),
  );

  app.all("/api/*", (c) =>
    jsonError(c, 404, "not_found", `no API route ${c.req.method} ${c.req.path}`),
  );

  if (existsSync(join(options.clientDir, "index.html"))) {
    app.use("/*", serveStatic({ root: options.clientDir }));
    // Client-side routes: any other GET gets the app shell.
    app.get("/*", serveStatic({ root: options.clientDir, path: "index.html" }));
  }

  app.notFound((c) => jsonError(c, 404, "not_found", `nothing at ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    options.logger.error({ err: error, method: c.req.method, path: c.req.path }, "request failed");
    return jsonError(c, 500, "internal", "the server failed to handle this request");
  });
  return app;
}
