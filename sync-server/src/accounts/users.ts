// People and agents: creation, lookup, profiles, roles and deactivation.
import {
  defaultAvatarColour,
  type Role,
  type UpdateProfileRequest,
  type UserKind,
  type UserView,
} from "@openvibe/schema";
import { and, asc, eq, ne } from "drizzle-orm";
import { recordAudit } from "../audit/audit-log.ts";
import { commitChange } from "../commit-change.ts";
import type { AppContext } from "../context.ts";
import { sessions, users } from "../db/schema.ts";
import { ApiError, notFound } from "../errors.ts";
import { newId } from "../ids.ts";
import { isAdmin } from "../permissions/permissions.ts";
import { hashPassword } from "./passwords.ts";
import type { UserRecord } from "./principal.ts";

export interface NewUser {
  kind: UserKind;
  role: Role;
  displayName: string;
  email?: string;
  /** Wanted handle; derived from the email or name when absent, made unique with a number. */
  handle?: string;
  password?: string;
}

/** Creates the account; see `prepareUser` and `insertPerson` to do it inside a larger change. */
export async function createUser(ctx: AppContext, input: NewUser): Promise<UserRecord> {
  const prepared = await prepareUser(input);
  return commitChange(ctx, () => insertPerson(ctx, prepared));
}

/**
 * Inserts a prepared account and tells open pages someone joined (within a change); `insertUser`
 * alone for many at once (an import), which tells nobody of each.
 */
export function insertPerson(ctx: AppContext, prepared: PreparedUser): UserRecord {
  const user = insertUser(ctx, prepared);
  ctx.accessChanges.emit({ kind: "person-changed", userId: user.id });
  return user;
}

/** The slow part of creating an account (hashing the password), done before any transaction. */
export async function prepareUser(input: NewUser): Promise<PreparedUser> {
  return {
    input,
    passwordHash: input.password === undefined ? null : await hashPassword(input.password),
  };
}

export interface PreparedUser {
  input: NewUser;
  passwordHash: string | null;
}

/** Inserts a prepared account (synchronous, so it can join a transaction). */
export function insertUser(ctx: AppContext, { input, passwordHash }: PreparedUser): UserRecord {
  const email = input.email?.toLowerCase() ?? null;
  const handle = input.handle?.toLowerCase();
  if (email !== null && findUserByEmail(ctx, email) !== undefined) {
    throw new ApiError("conflict", "an account with this email already exists");
  }
  if (handle !== undefined && findUserByHandle(ctx, handle) !== undefined) {
    throw new ApiError("conflict", `the handle @${handle} is taken`);
  }
  const id = newId();
  const record: UserRecord = {
    id,
    kind: input.kind,
    email,
    handle: handle ?? uniqueHandle(ctx, email?.split("@")[0] ?? input.displayName),
    displayName: input.displayName,
    avatarColor: defaultAvatarColour(id),
    passwordHash,
    role: input.role,
    status: "active",
    createdAt: ctx.now(),
    deactivatedAt: null,
  };
  ctx.db.insert(users).values(record).run();
  return record;
}

function uniqueHandle(ctx: AppContext, wanted: string): string {
  const base =
    wanted
      .normalize("NFKD")
      .toLowerCase()
      .replace(/[^a-z0-9_.-]+/g, "")
      .replace(/^[^a-z0-9]+/, "")
      .slice(0, 28) || "user";
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}${n}`;
    if (findUserByHandle(ctx, candidate) === undefined) return candidate;
  }
}

/** An imported person nobody has claimed yet: no password (agents have none either, by design). */
export function isPlaceholder(user: UserRecord): boolean {
  return user.kind === "human" && user.passwordHash === null;
}

export function getUser(ctx: AppContext, id: string): UserRecord | undefined {
  return ctx.db.select().from(users).where(eq(users.id, id)).get();
}

export function requireUser(ctx: AppContext, id: string): UserRecord {
  const user = getUser(ctx, id);
  if (user === undefined) throw notFound("user");
  return user;
}

export function findUserByEmail(ctx: AppContext, email: string): UserRecord | undefined {
  return ctx.db.select().from(users).where(eq(users.email, email.toLowerCase())).get();
}

export function findUserByHandle(ctx: AppContext, handle: string): UserRecord | undefined {
  return ctx.db.select().from(users).where(eq(users.handle, handle.toLowerCase())).get();
}

export function listUsers(ctx: AppContext): UserRecord[] {
  return ctx.db.select().from(users).orderBy(asc(users.createdAt)).all();
}

/** The public view of a user; the email only for admins and the user themself. */
export function toUserView(user: UserRecord, viewer: UserRecord): UserView {
  const view: UserView = {
    id: user.id,
    kind: user.kind,
    handle: user.handle,
    displayName: user.displayName,
    avatarColor: user.avatarColor,
    role: user.role,
    status: user.status,
    createdAt: new Date(user.createdAt).toISOString(),
  };
  if (user.email !== null && (isAdmin(viewer) || viewer.id === user.id)) view.email = user.email;
  if (isAdmin(viewer) && isPlaceholder(user)) view.placeholder = true;
  return view;
}

export function updateProfile(
  ctx: AppContext,
  userId: string,
  change: UpdateProfileRequest,
): UserRecord {
  return commitChange(ctx, () => {
    ctx.db
      .update(users)
      .set({
        ...(change.displayName === undefined ? {} : { displayName: change.displayName }),
        ...(change.avatarColor === undefined
          ? {}
          : { avatarColor: change.avatarColor.toLowerCase() }),
      })
      .where(eq(users.id, userId))
      .run();
    ctx.accessChanges.emit({ kind: "person-changed", userId });
    return requireUser(ctx, userId);
  });
}

/** Writes a password hash made by `hashPassword` first (this is synchronous, to join a change). */
export function storePasswordHash(ctx: AppContext, userId: string, passwordHash: string): void {
  ctx.db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
}

function otherActiveAdmins(ctx: AppContext, userId: string): number {
  return ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.role, "admin"), eq(users.status, "active"), ne(users.id, userId)))
    .all().length;
}

export function setRole(
  ctx: AppContext,
  actor: UserRecord,
  userId: string,
  role: Role,
): UserRecord {
  return commitChange(ctx, () => {
    const target = requireUser(ctx, userId);
    if (target.role === role) return target;
    if (target.kind === "agent" && role === "admin") {
      throw new ApiError("conflict", "agents cannot be admins; give them member or guest");
    }
    if (target.role === "admin" && otherActiveAdmins(ctx, userId) === 0) {
      throw new ApiError("conflict", "the workspace needs at least one active admin");
    }
    ctx.db.update(users).set({ role }).where(eq(users.id, userId)).run();
    recordAudit(ctx, {
      actorId: actor.id,
      action: "user.role_changed",
      targetType: "user",
      targetId: userId,
      details: { from: target.role, to: role },
    });
    ctx.accessChanges.emit({ kind: "role-changed", userId });
    return requireUser(ctx, userId);
  });
}

/** Ends every session and live connection of the user at once; API keys stop resolving. */
export function deactivateUser(ctx: AppContext, actor: UserRecord, userId: string): UserRecord {
  return commitChange(ctx, () => {
    const target = requireUser(ctx, userId);
    if (target.status === "deactivated") return target;
    if (target.role === "admin" && otherActiveAdmins(ctx, userId) === 0) {
      throw new ApiError("conflict", "the workspace needs at least one active admin");
    }
    ctx.db
      .update(users)
      .set({ status: "deactivated", deactivatedAt: ctx.now() })
      .where(eq(users.id, userId))
      .run();
    ctx.db.delete(sessions).where(eq(sessions.userId, userId)).run();
    recordAudit(ctx, {
      actorId: actor.id,
      action: "user.deactivated",
      targetType: "user",
      targetId: userId,
    });
    ctx.accessChanges.emit({ kind: "user-deactivated", userId });
    return requireUser(ctx, userId);
  });
}

export function reactivateUser(ctx: AppContext, actor: UserRecord, userId: string): UserRecord {
  return commitChange(ctx, () => {
    const target = requireUser(ctx, userId);
    if (target.status === "active") return target;
    ctx.db
      .update(users)
      .set({ status: "active", deactivatedAt: null })
      .where(eq(users.id, userId))
      .run();
    recordAudit(ctx, {
      actorId: actor.id,
      action: "user.reactivated",
      targetType: "user",
      targetId: userId,
    });
    ctx.accessChanges.emit({ kind: "person-changed", userId });
    return requireUser(ctx, userId);
  });
}
