/** Stable error codes shared by every package that writes channel documents. */
export const CHANNEL_ERROR_CODES = [
  "empty_body",
  "body_too_long",
  "empty_title",
  "title_too_long",
  "unsafe_characters",
  "not_found",
  "fork_closed",
  "thread_archived",
  "not_author",
  "invalid_target",
  "invalid_emoji",
  "invalid_status",
  "message_deleted",
  "invalid_actor",
  "invalid_input",
  "channel_mismatch",
  "document_too_new",
  "task_mismatch",
  "task_finished",
] as const;

export type ChannelErrorCode = (typeof CHANNEL_ERROR_CODES)[number];

export type EntityKind = "channel" | "thread" | "fork" | "message" | "pin" | "toolStep";

export interface ChannelErrorDetails {
  readonly entity?: EntityKind;
  readonly id?: string;
}

/** A refused operation. Thrown before the document is touched, so nothing is half-written. */
export class ChannelError extends Error {
  readonly code: ChannelErrorCode;
  readonly details: ChannelErrorDetails;

  constructor(code: ChannelErrorCode, message: string, details: ChannelErrorDetails = {}) {
    super(message);
    this.name = "ChannelError";
    this.code = code;
    this.details = details;
  }
}

export function isChannelError(error: unknown, code?: ChannelErrorCode): error is ChannelError {
  return error instanceof ChannelError && (code === undefined || error.code === code);
}

export function notFound(entity: EntityKind, id: string): ChannelError {
  return new ChannelError("not_found", `${entity} ${JSON.stringify(id)} not found`, { entity, id });
}
