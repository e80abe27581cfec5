// Field validators shared by the API's request schemas.

import { z } from "zod";
import { hasUnsafeCharacters, UNSAFE_TEXT_MESSAGE } from "../validation.ts";

export const email = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "an email address has at most 254 characters")
  .email("enter a valid email address");

/** New passwords: long enough to resist guessing, bounded so hashing stays cheap to refuse. */
export const NEW_PASSWORD_MIN_LENGTH = 10;
export const NEW_PASSWORD_MAX_LENGTH = 256;
/** The rule as people read it before they choose a password. */
export const NEW_PASSWORD_RULE = `At least ${NEW_PASSWORD_MIN_LENGTH} characters.`;

export const newPassword = z
  .string()
  .min(NEW_PASSWORD_MIN_LENGTH, `use at least ${NEW_PASSWORD_MIN_LENGTH} characters`)
  .max(NEW_PASSWORD_MAX_LENGTH, `use at most ${NEW_PASSWORD_MAX_LENGTH} characters`);

/** A password being checked: no rules beyond a size bound (old accounts keep working). */
export const givenPassword = z.string().min(1, "enter your password").max(256);

export const displayName = z
  .string()
  .trim()
  .min(1, "a name cannot be empty")
  .max(80, "a name has at most 80 characters")
  .refine((name) => !hasUnsafeCharacters(name), `a name ${UNSAFE_TEXT_MESSAGE}`);

export const handle = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9_.-]{0,31}$/,
    "a handle is 1-32 letters, digits, '_', '.' or '-', starting with a letter or digit",
  );

export const avatarColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "a colour is written #rrggbb");

export const channelName = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z0-9][a-z0-9_-]{0,79}$/,
    "a channel name is 1-80 lower-case letters, digits, '_' or '-', starting with a letter or digit",
  );

export const topic = z.string().trim().max(250, "a topic has at most 250 characters");

export const id = z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, "not a valid id");
