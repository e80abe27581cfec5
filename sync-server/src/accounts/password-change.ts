// Changing one's own password: the current one must be right; every other
// session of the account ends, so a stolen session dies with the old password.
// The current password is checked off the event loop (scrypt), before the change's transaction;
// the transaction then checks that the hash it verified is still the stored one, so of two
// changes racing with the same current password only the first lands.
import type { ChangePasswordRequest } from "@openvibe/schema";
import { recordAudit } from "../audit/audit-log.ts";
import { commitChange } from "../commit-change.ts";
import type { AppContext } from "../context.ts";
import { ApiError } from "../errors.ts";
import { hashPassword, verifyPassword } from "./passwords.ts";
import type { UserRecord } from "./principal.ts";
import { endOtherSessions } from "./sessions.ts";
import { getUser, storePasswordHash } from "./users.ts";

/**
 * False when the current password is wrong (nothing changes then); a conflict when it changed
 * while this request checked it.
 */
export async function changePassword(
  ctx: AppContext,
  user: UserRecord,
  keepSessionId: string | null,
  request: ChangePasswordRequest,
): Promise<boolean> {
  if (user.passwordHash === null) {
    throw new ApiError("forbidden", "this account signs in with API keys; it has no password");
  }
  if (!(await verifyPassword(request.currentPassword, user.passwordHash))) return false;
  const passwordHash = await hashPassword(request.newPassword);
  commitChange(ctx, () => {
    if (getUser(ctx, user.id)?.passwordHash !== user.passwordHash) {
      throw new ApiError("conflict", "the password changed meanwhile; sign in with the new one");
    }
    storePasswordHash(ctx, user.id, passwordHash);
    endOtherSessions(ctx, user.id, keepSessionId);
    recordAudit(ctx, {
      actorId: user.id,
      action: "user.password_changed",
      targetType: "user",
      targetId: user.id,
    });
  });
  return true;
}
