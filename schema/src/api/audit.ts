// The audit log as the API shows it: pages of entries, newest first.
import { z } from "zod";

export const AUDIT_TARGET_TYPES = [
  "user",
  "invite",
  "channel",
  "api_key",
  "workspace",
  "session",
  "model_price",
  "context_item",
] as const;
export type AuditTargetType = (typeof AUDIT_TARGET_TYPES)[number];

/** Query of GET /api/audit: entries older than `before` (an entry id), at most `limit` of them. */
export const auditQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export interface AuditEntryView {
  id: number;
  /** Who did it; null for the server itself. */
  actorId: string | null;
  /** "<target>.<verb>", e.g. "user.deactivated". */
  action: string;
  targetType: AuditTargetType;
  targetId: string | null;
  details: Record<string, unknown> | null;
  createdAt: string;
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextCursor: number | null;
}

export type AuditQuery = z.infer<typeof auditQuery>;
