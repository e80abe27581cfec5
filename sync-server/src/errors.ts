// Errors with a stable code from the API contract. Services throw them; the
// HTTP layer turns them into {"error": {"code", "message"}} with the code's
// status; the socket layer into a denial reason.
import { API_ERRORS, type ApiErrorCode, type ApiIssue } from "@openvibe/schema";

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: ApiIssue[] | undefined;
  /** Seconds after which a rate-limited caller may retry. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ApiErrorCode,
    message: string,
    options: { issues?: ApiIssue[]; retryAfterSeconds?: number } = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.issues = options.issues;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }

  get status(): (typeof API_ERRORS)[ApiErrorCode] {
    return API_ERRORS[this.code];
  }
}

/** The same answer for "does not exist" and "you may not see it", so nothing leaks. */
export function notFound(what: string): ApiError {
  return new ApiError("not_found", `${what} not found`);
}

/** A request field that its schema alone cannot refuse (it depends on what is stored). */
export function invalidField(path: string, message: string): ApiError {
  return new ApiError("validation_failed", `${path}: ${message}`, { issues: [{ path, message }] });
}

/** A full disk as Node (errno) and SQLite (the database on the same disk) name it. */
const FULL_DISK_CODES = new Set(["ENOSPC", "EDQUOT", "EFBIG", "SQLITE_FULL"]);

/**
 * A full disk as the caller's to retry later, loudly (507 `insufficient_storage`); any other
 * error as it is.
 */
export function storageError(error: unknown): unknown {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code !== undefined && FULL_DISK_CODES.has(code)) {
    return new ApiError("insufficient_storage", "the server's storage is full; try again later");
  }
  return error;
}
