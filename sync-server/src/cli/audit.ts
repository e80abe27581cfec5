// Audit entries for the account changes whose services do not record one
// themselves (insertPerson, storePasswordHash), marked as made from the command line.
// They belong in services taking an actor; until then the CLI records them.
import type { UserRecord } from "../accounts/principal.ts";
import { recordAudit } from "../audit/audit-log.ts";
import type { AppContext } from "../context.ts";

export function auditUserCreated(ctx: AppContext, admin: UserRecord, user: UserRecord): void {
  recordAudit(ctx, {
    actorId: admin.id,
    action: "user.created",
    targetType: "user",
    targetId: user.id,
    details: { via: "cli", role: user.role, handle: user.handle },
  });
}

export function auditPasswordReset(ctx: AppContext, admin: UserRecord, user: UserRecord): void {
  recordAudit(ctx, {
    actorId: admin.id,
    action: "user.password_reset",
    targetType: "user",
    targetId: user.id,
    details: { via: "cli", sessionsEnded: true },
  });
}
