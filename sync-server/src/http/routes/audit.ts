// The audit log for admins, newest first, in pages linked by a cursor.
import { type AuditPage, auditQuery } from "@openvibe/schema";
import { Hono } from "hono";
import { listAudit } from "../../audit/audit-log.ts";
import { type AppEnv, requireAdmin } from "../authentication.ts";
import { readQuery } from "../validation.ts";
import type { RouteDeps } from "./deps.ts";

export function auditRoutes({ ctx }: RouteDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.get("/audit", (c) => {
    requireAdmin(c);
    const { before, limit } = readQuery(c, auditQuery);
    // One entry more than asked tells whether an older page exists.
    const rows = listAudit(ctx, { ...(before === undefined ? {} : { before }), limit: limit + 1 });
    const entries = rows.slice(0, limit);
    const page: AuditPage = {
      entries,
      nextCursor: rows.length > limit ? (entries.at(-1)?.id ?? null) : null,
    };
    return c.json(page);
  });

  return app;
}
