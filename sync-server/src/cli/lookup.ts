// Finds the people, agents and channels named on the command line, with
// errors that say how to list the valid names.
import type { UserRecord } from "../accounts/principal.ts";
import { findUserByEmail, findUserByHandle, getUser } from "../accounts/users.ts";
import { getChannel, listVisibleChannels } from "../channels/channels.ts";
import type { AppContext } from "../context.ts";
import { isActive } from "../permissions/permissions.ts";
import { CliError } from "./errors.ts";

const LIST_USERS = 'see "ovb list-users"';

/** "@handle" or a bare handle is a handle; anything else with an "@" is an email. */
export function findByReference(ctx: AppContext, reference: string): UserRecord | undefined {
  const handle = reference.startsWith("@") ? reference.slice(1) : reference;
  if (handle === reference && reference.includes("@")) return findUserByEmail(ctx, reference);
  return findUserByHandle(ctx, handle);
}

export function requirePersonByEmail(ctx: AppContext, email: string, flag: string): UserRecord {
  const user = findUserByEmail(ctx, email.trim());
  if (user === undefined)
    throw new CliError(`${flag}: no account has the email ${email}; ${LIST_USERS}`);
  return user;
}

export function requirePersonById(ctx: AppContext, id: string, flag: string): UserRecord {
  const user = getUser(ctx, id);
  if (user === undefined) throw new CliError(`${flag}: no account has the id ${id}; ${LIST_USERS}`);
  return user;
}

export function requireAgent(ctx: AppContext, reference: string, flag: string): UserRecord {
  const handle = reference.replace(/^@/, "");
  const user = findUserByHandle(ctx, handle);
  if (user === undefined || user.kind !== "agent") {
    throw new CliError(`${flag}: no agent has the handle @${handle}; ${LIST_USERS}`);
  }
  return user;
}

export function requireActive(user: UserRecord, flag: string): UserRecord {
  if (!isActive(user)) {
    throw new CliError(`${flag}: @${user.handle} is deactivated (an admin can reactivate them)`);
  }
  return user;
}

/** A channel by id, or by name with or without "#", among those `viewer` can see. */
export function requireChannel(ctx: AppContext, viewer: UserRecord, reference: string) {
  const name = reference.replace(/^#/, "").toLowerCase();
  const byName = listVisibleChannels(ctx, viewer).find((channel) => channel.name === name);
  const channel = getChannel(ctx, byName?.id ?? reference);
  if (channel === undefined) {
    throw new CliError(
      `--channel: no channel is named or has the id ${reference}; see "ovb list-channels"`,
    );
  }
  return channel;
}
