// Request bodies and views for setup, sessions, profiles, people and invites.
import { z } from "zod";
import { avatarColor, displayName, email, givenPassword, newPassword } from "./fields.ts";
import { ROLES, type Role, type UserKind } from "./roles.ts";

export const setupRequest = z.strictObject({
  workspaceName: z.string().trim().min(1, "name the workspace").max(80),
  email,
  displayName,
  password: newPassword,
});

export const loginRequest = z.strictObject({ email, password: givenPassword });

export const updateProfileRequest = z
  .strictObject({ displayName: displayName.optional(), avatarColor: avatarColor.optional() })
  .refine((body) => Object.keys(body).length > 0, "change at least one field");

export const changePasswordRequest = z.strictObject({
  currentPassword: givenPassword,
  newPassword,
});

export const updateUserRequest = z.strictObject({ role: z.enum(ROLES) });

export const createInviteRequest = z.strictObject({
  role: z.enum(ROLES).default("member"),
  /** Hours until the link expires: 1 hour to 30 days, default 7 days. */
  expiresInHours: z.number().int().min(1).max(720).default(168),
  /** How many people may use the link; null for any number. Default: one. */
  maxUses: z.number().int().min(1).max(1000).nullable().default(1),
});

export const claimInviteRequest = z.strictObject({
  /** Hours until the link expires: 1 hour to 30 days, default 7 days. */
  expiresInHours: z.number().int().min(1).max(720).default(168),
});

export const acceptInviteRequest = z.strictObject({
  token: z.string().min(1).max(200),
  email,
  displayName,
  password: newPassword,
});

/** Query of GET /api/invites/preview. */
export const invitePreviewQuery = z.object({ token: z.string().min(1).max(200) });

export interface UserView {
  id: string;
  kind: UserKind;
  handle: string;
  displayName: string;
  avatarColor: string;
  role: Role;
  status: "active" | "deactivated";
  /** Only shown to admins and to the user themself. */
  email?: string;
  /**
   * Shown to admins: an imported account nobody has claimed yet (no password); an invite from
   * POST /api/users/{id}/claim-invite lets its person claim it.
   */
  placeholder?: true;
  createdAt: string;
}

export interface SessionView {
  user: UserView;
  /** Send back as the X-CSRF-Token header on every cookie-authenticated write. */
  csrfToken: string;
  expiresAt: string;
}

export interface InviteView {
  id: string;
  role: Role;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  maxUses: number | null;
  uses: number;
  revokedAt: string | null;
}

/** What an invite link offers, shown before signing up; nothing about other accounts. */
export interface InvitePreview {
  workspaceName: string;
  role: Role;
  expiresAt: string;
}

/** A new invite: the token is shown once, inside a ready-to-share link. */
export interface CreatedInvite {
  invite: InviteView;
  token: string;
  url: string;
}

export type SetupRequest = z.infer<typeof setupRequest>;
export type ClaimInviteRequest = z.infer<typeof claimInviteRequest>;
export type LoginRequest = z.infer<typeof loginRequest>;
export type UpdateProfileRequest = z.infer<typeof updateProfileRequest>;
export type ChangePasswordRequest = z.infer<typeof changePasswordRequest>;
export type UpdateUserRequest = z.infer<typeof updateUserRequest>;
export type CreateInviteRequest = z.infer<typeof createInviteRequest>;
export type AcceptInviteRequest = z.infer<typeof acceptInviteRequest>;
