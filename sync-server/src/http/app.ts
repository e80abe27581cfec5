// The HTTP side of the server (Hono): health, readiness and metrics, the JSON API under /api, then
// the built client when present.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { isBusy } from "../db/busy.ts";
import { storageError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { ServerMetrics } from "../metrics/server-metrics.ts";
import { type AppEnv, authenticate } from "./authentication.ts";
import { contentSecurityPolicy } from "./content-security-policy.ts";
import { ApiError, apiErrorResponse, jsonError } from "./errors.ts";
import { addObservabilityRoutes } from "./observability.ts";
import { agentAdminRoutes } from "./routes/agent-admin.ts";
import { agentRoutes } from "./routes/agents.ts";
import { apiKeyRoutes } from "./routes/api-keys.ts";
import { auditRoutes } from "./routes/audit.ts";
import { authRoutes } from "./routes/auth.ts";
import { bridgeRoutes } from "./routes/bridge.ts";
import { bridgeContextItemRoutes } from "./routes/bridge-context-items.ts";
import { bridgeSearchRoutes } from "./routes/bridge-search.ts";
import { bridgeThreadRoutes } from "./routes/bridge-thread.ts";
import { channelRoutes } from "./routes/channels.ts";
import { contextItemRoutes } from "./routes/context-items.ts";
import type { RouteDeps } from "./routes/deps.ts";
import { exportRoutes } from "./routes/export.ts";
import { fileRoutes, isUploadChunk } from "./routes/files.ts";
import { inviteRoutes } from "./routes/invites.ts";
import { linkPreviewRoutes } from "./routes/link-previews.ts";
import { meRoutes } from "./routes/me.ts";
import { mentionsRoutes } from "./routes/mentions.ts";
import { modelPriceRoutes } from "./routes/model-prices.ts";
import { openApiRoutes } from "./routes/openapi.ts";
import { pushRoutes } from "./routes/push.ts";
import { searchRoutes } from "./routes/search.ts";
import { settingsRoutes } from "./routes/settings.ts";
import { taskPromptRoutes } from "./routes/task-prompts.ts";
import { threadRoutes } from "./routes/threads.ts";
import { userRoutes } from "./routes/users.ts";
import { strictJsonBody } from "./validation.ts";

export interface HttpAppOptions extends RouteDeps {
  version: string;
  startedAt: number;
  clientDir: string;
  logger: Logger;
  metrics: ServerMetrics;
  /** Bearer token GET /metrics requires; null: loopback only. */
  metricsToken: string | null;
  /** Why peers' updates cannot be stored now, or null (GET /ready). */
  storageProblem: () => string | null;
}

const MAX_API_BODY_BYTES = 1024 * 1024;

export function createHttpApp(options: HttpAppOptions): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Every response carries X-Request-Id (the caller's, when it sent a sane one), and every log
  // line about a request names it.
  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    options.logger.info(
      {
        reqId: c.get("requestId"),
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(performance.now() - started),
      },
      "request",
    );
  });
  app.use(secureHeaders());
  app.use(contentSecurityPolicy(options.publicUrl ?? null));

  app.get("/health", (c) =>
    c.json({
      status: "ok",
      version: options.version,
      uptimeSeconds: Math.floor((Date.now() - options.startedAt) / 1000),
    }),
  );
  addObservabilityRoutes(app, options);

  // Upload chunks are raw bytes with their own limit (MAX_UPLOAD_CHUNK_BYTES, checked from the
  // declared length before the body is read): the JSON limit and parser are for every other body.
  const unlessUploadChunk =
    (middleware: MiddlewareHandler<AppEnv>): MiddlewareHandler<AppEnv> =>
    (c, next) =>
      isUploadChunk(c.req.method, c.req.path) ? next() : middleware(c, next);
  app.use(
    "/api/*",
    unlessUploadChunk(
      bodyLimit({
        maxSize: MAX_API_BODY_BYTES,
        onError: (c) => {
          // The rest of the body is never read: the connection cannot carry another request.
          c.header("Connection", "close");
          return jsonError(
            c,
            "payload_too_large",
            `request bodies are limited to ${MAX_API_BODY_BYTES} bytes`,
          );
        },
      }),
    ),
  );
  // Every body, whichever route it is for, is parsed once and strictly.
  app.use("/api/*", unlessUploadChunk(strictJsonBody()));
  app.use("/api/*", authenticate(options.ctx));
  for (const routes of [
    authRoutes,
    meRoutes,
    userRoutes,
    inviteRoutes,
    channelRoutes,
    agentRoutes,
    agentAdminRoutes,
    modelPriceRoutes,
    taskPromptRoutes,
    contextItemRoutes,
    threadRoutes,
    apiKeyRoutes,
    settingsRoutes,
    auditRoutes,
    exportRoutes,
    bridgeRoutes,
    bridgeSearchRoutes,
    bridgeThreadRoutes,
    bridgeContextItemRoutes,
    searchRoutes,
    linkPreviewRoutes,
    mentionsRoutes,
    pushRoutes,
    fileRoutes,
  ]) {
    app.route("/api", routes(options));
  }
  app.route("/api", openApiRoutes(options.version));
  app.all("/api/*", (c) => jsonError(c, "not_found", `no API route ${c.req.method} ${c.req.path}`));

  if (existsSync(join(options.clientDir, "index.html"))) {
    app.use("/*", serveStatic({ root: options.clientDir }));
    // Client-side routes: any other GET gets the app shell.
    app.get("/*", serveStatic({ root: options.clientDir, path: "index.html" }));
  }

  app.notFound((c) => jsonError(c, "not_found", `nothing at ${c.req.method} ${c.req.path}`));
  app.onError((error, c) => {
    if (error instanceof ApiError) return apiErrorResponse(c, error);
    const reqId = c.get("requestId");
    if (isBusy(error)) {
      options.logger.warn({ reqId, method: c.req.method, path: c.req.path }, "database busy");
      // The change that met the lock was not made (each is one transaction: commit-change.ts),
      // so the request can be sent again as it is.
      c.header("Retry-After", "1");
      return jsonError(
        c,
        "not_ready",
        "the database is locked by another writer (a disk slow to sync, a backup, a sqlite3 shell): try again shortly",
      );
    }
    const full = storageError(error);
    options.logger.error(
      { err: error, reqId, method: c.req.method, path: c.req.path },
      full === error ? "request failed" : "request failed: the disk is full",
    );
    if (full instanceof ApiError) return apiErrorResponse(c, full);
    return jsonError(c, "internal", "the server failed to handle this request");
  });
  return app;
}
