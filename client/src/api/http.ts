// The HTTP API transport: JSON bodies, the session cookie (sent by the
// browser), the CSRF token on every write, and typed failures. A request that
// never reached the server is an OfflineError, so callers can fall back to
// the local cache; a server refusal is an ApiError with its stable code.
import type { ApiErrorBody, ApiErrorCode, ApiIssue } from "@openvibe/schema";

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly status: number;
  readonly issues: ApiIssue[];

  constructor(status: number, body: ApiErrorBody["error"]) {
    super(body.message);
    this.name = "ApiError";
    this.code = body.code;
    this.status = status;
    this.issues = body.issues ?? [];
  }
}

export class OfflineError extends Error {
  constructor(cause: unknown) {
    super("the server cannot be reached", { cause });
    this.name = "OfflineError";
  }
}

let csrfToken: string | null = null;

/** Remembers the session's CSRF token, sent as X-CSRF-Token on writes. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The header a write sends with the session's CSRF token (for requests not sent as JSON). */
export function csrfHeaders(): Record<string, string> {
  return csrfToken === null ? {} : { "X-CSRF-Token": csrfToken };
}

/** A failed response's error, typed: the server's JSON error, or one naming the status. */
export async function responseError(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => "");
  let parsed: unknown = null;
  try {
    parsed = text === "" ? null : JSON.parse(text);
  } catch {
    parsed = null;
  }
  if (isErrorBody(parsed)) return new ApiError(response.status, parsed.error);
  return new ApiError(response.status, {
    code: "internal",
    message: `the server answered ${response.status}`,
  });
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = value.error;
  return typeof error === "object" && error !== null && "code" in error && "message" in error;
}

export type HttpMethod = "GET" | "POST" | "PATCH" | "PUT" | "DELETE";

export async function apiRequest<T>(method: HttpMethod, path: string, body?: unknown) {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken !== null) headers["X-CSRF-Token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(`/api${path}`, {
      method,
      headers,
      credentials: "same-origin",
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    throw new OfflineError(error);
  }
  const text = await response.text();
  const parsed: unknown = text === "" ? null : JSON.parse(text);
  if (!response.ok) {
    if (isErrorBody(parsed)) throw new ApiError(response.status, parsed.error);
    throw new ApiError(response.status, {
      code: "internal",
      message: `the server answered ${response.status}`,
    });
  }
  return parsed as T;
}
