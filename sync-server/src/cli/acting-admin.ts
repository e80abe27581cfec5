// Who a command acts as: the admin named by --as, or the oldest active one.
import type { UserRecord } from "../accounts/principal.ts";
import { listUsers } from "../accounts/users.ts";
import type { AppContext } from "../context.ts";
import { isAdmin } from "../permissions/permissions.ts";
import { CliError } from "./errors.ts";
import { findByReference } from "./lookup.ts";

export function actingAdmin(ctx: AppContext, reference: string | undefined): UserRecord {
  if (reference === undefined) {
    const oldest = listUsers(ctx).find(isAdmin);
    if (oldest === undefined) throw new CliError("the workspace has no active admin");
    return oldest;
  }
  const user = findByReference(ctx, reference);
  if (user === undefined) {
    throw new CliError(`--as: nobody is ${reference}; pass an admin's email or @handle`);
  }
  if (!isAdmin(user)) {
    throw new CliError(
      `--as: ${reference} is not an active admin; pass an admin's email or @handle, ` +
        'or leave --as out to act as the oldest admin (see "ovb list-users")',
    );
  }
  return user;
}
