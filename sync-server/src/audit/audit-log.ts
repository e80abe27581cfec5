// The audit log: admin actions and other security-relevant changes, newest first.
import type { AuditEntryView, AuditTargetType } from "@openvibe/schema";
import { desc, lt } from "drizzle-orm";
import type { AppContext } from "../context.ts";
import { auditLog } from "../db/schema.ts";

export interface AuditEntry {
  actorId: string | null;
  action: string;
  targetType: AuditTargetType;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

export function recordAudit(ctx: AppContext, entry: AuditEntry): void {
  ctx.db
    .insert(auditLog)
    .values({
      actorId: entry.actorId,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      details: entry.details ?? null,
      createdAt: ctx.now(),
    })
    .run();
}

/** A page of entries older than `before` (an entry id), newest first. */
export function listAudit(
  ctx: AppContext,
  options: { before?: number; limit: number },
): AuditEntryView[] {
  const rows = ctx.db
    .select()
    .from(auditLog)
    .where(options.before === undefined ? undefined : lt(auditLog.id, options.before))
    .orderBy(desc(auditLog.id))
    .limit(options.limit)
    .all();
  return rows.map((row) => ({
    id: row.id,
    actorId: row.actorId,
    action: row.action,
    targetType: row.targetType as AuditTargetType,
    targetId: row.targetId,
    details: (row.details as Record<string, unknown> | null) ?? null,
    createdAt: new Date(row.createdAt).toISOString(),
  }));
}
