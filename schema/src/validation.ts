import { type Actor, type ActorKind, isActor } from "./actors.ts";
import { ChannelError } from "./errors.ts";
import { isEntityId } from "./ids.ts";

/** Input rules checked before any transaction, so a refused operation changes nothing. */

export const MAX_BODY_LENGTH = 40_000;

export const UNSAFE_TEXT_MESSAGE = "cannot contain control or bidirectional override characters";

/**
 * Characters a name or a title may not hold: control characters (NUL, newlines, escapes) and the
 * bidirectional overrides, isolates and marks that make text read as something else (a name
 * that shows as another person's, "exe.txt" shown for "txt.exe").
 */
function isUnsafeCode(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x061c ||
    code === 0x200e ||
    code === 0x200f ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

export function hasUnsafeCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) if (isUnsafeCode(text.charCodeAt(i))) return true;
  return false;
}

export const MAX_TITLE_LENGTH = 200;
export const MAX_EMOJI_LENGTH = 32;
/** An entry's key in a root map: ids, or `message|emoji|actor` and similar composite keys. */
export const MAX_ENTRY_KEY_LENGTH = 512;
/** A presence (awareness) state, as JSON, in UTF-16 code units; the server keeps only `user` past it. */
export const MAX_PRESENCE_LENGTH = 4_096;

export function assertActor(actor: Actor, requiredKind?: ActorKind): void {
  if (!isActor(actor)) {
    throw new ChannelError(
      "invalid_actor",
      "actor must be {kind, id} with a non-empty id without '|'",
    );
  }
  if (requiredKind !== undefined && actor.kind !== requiredKind) {
    throw new ChannelError("invalid_actor", `only a ${requiredKind} actor may do this`);
  }
}

export function assertId(value: string, what: string): void {
  if (!isEntityId(value)) {
    throw new ChannelError("invalid_input", `${what} must be a non-empty id without '|'`);
  }
}

/** Length is counted in UTF-16 code units, the unit of Y.Text positions. */
export function assertBody(body: string): void {
  if (typeof body !== "string" || body.trim().length === 0) {
    throw new ChannelError("empty_body", "a message body cannot be empty");
  }
  assertBodyLength(body.length);
}

export function assertBodyLength(length: number): void {
  if (length > MAX_BODY_LENGTH) {
    throw new ChannelError(
      "body_too_long",
      `a message body is limited to ${MAX_BODY_LENGTH} characters`,
    );
  }
}

export function assertTitle(title: string): void {
  if (typeof title !== "string" || title.trim().length === 0) {
    throw new ChannelError("empty_title", "a title cannot be empty");
  }
  if (title.length > MAX_TITLE_LENGTH) {
    throw new ChannelError(
      "title_too_long",
      `a title is limited to ${MAX_TITLE_LENGTH} characters`,
    );
  }
  if (hasUnsafeCharacters(title)) {
    throw new ChannelError("unsafe_characters", `a title ${UNSAFE_TEXT_MESSAGE}`);
  }
}

export function assertEmoji(emoji: string): void {
  if (
    typeof emoji !== "string" ||
    emoji.trim().length === 0 ||
    emoji.length > MAX_EMOJI_LENGTH ||
    emoji.includes("|")
  ) {
    throw new ChannelError(
      "invalid_emoji",
      `an emoji must be non-empty, at most ${MAX_EMOJI_LENGTH} characters, without '|'`,
    );
  }
}

export function assertStatus<T extends string>(
  value: string,
  allowed: readonly T[],
  what: string,
): asserts value is T {
  if (!allowed.some((candidate) => candidate === value)) {
    throw new ChannelError("invalid_status", `${what} must be one of ${allowed.join(", ")}`);
  }
}
