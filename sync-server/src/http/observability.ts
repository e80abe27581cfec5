// GET /ready (the server can take writes: storing peers' updates is not failing, and its database
// answers a write transaction) and
// GET /metrics (Prometheus text), which needs the metrics bearer token when one is set and is
// otherwise served to loopback clients only.
import { timingSafeEqual } from "node:crypto";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Hono } from "hono";
import type { AppContext } from "../context.ts";
import type { ServerMetrics } from "../metrics/server-metrics.ts";
import type { AppEnv } from "./authentication.ts";
import { jsonError } from "./errors.ts";

export interface ObservabilityOptions {
  ctx: AppContext;
  metrics: ServerMetrics;
  /** Bearer token /metrics requires; null: loopback clients only. */
  metricsToken: string | null;
  /** Why peers' updates cannot be stored now (the group commit's last error), or null. */
  storageProblem: () => string | null;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Why the database takes no write lock now (a read-only file or directory, a lock another
 * process holds), or null. It asks without waiting: the server's usual busy timeout would stall
 * the event loop for as long as another process holds the lock.
 */
function databaseWritable(ctx: AppContext): string | null {
  const client = ctx.db.$client;
  const busyTimeout = client.pragma("busy_timeout", { simple: true });
  client.pragma("busy_timeout = 0");
  try {
    client.prepare("BEGIN IMMEDIATE").run();
    client.prepare("ROLLBACK").run();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    client.pragma(`busy_timeout = ${Number(busyTimeout)}`);
  }
}

export function addObservabilityRoutes(app: Hono<AppEnv>, options: ObservabilityOptions): void {
  app.get("/ready", (c) => {
    const failing = options.storageProblem();
    if (failing !== null) return jsonError(c, "not_ready", `updates cannot be stored: ${failing}`);
    const problem = databaseWritable(options.ctx);
    if (problem === null) return c.json({ status: "ready" });
    return jsonError(c, "not_ready", `the database cannot take writes: ${problem}`);
  });

  app.get("/metrics", async (c) => {
    if (options.metricsToken === null) {
      const address = getConnInfo(c).remote.address ?? "";
      if (!LOOPBACK.test(address)) {
        return jsonError(
          c,
          "forbidden",
          "metrics are served on loopback only; set OPENVIBE_METRICS_TOKEN",
        );
      }
    } else {
      const header = c.req.header("authorization") ?? "";
      const token = header.startsWith("Bearer ") ? header.slice("Bearer ".length) : "";
      if (!sameSecret(token, options.metricsToken)) {
        return jsonError(
          c,
          "unauthenticated",
          "metrics need Authorization: Bearer <OPENVIBE_METRICS_TOKEN>",
        );
      }
    }
    const { contentType, body } = await options.metrics.exposition();
    return c.body(body, 200, { "content-type": contentType });
  });
}
