// The HTTP API transport: JSON bodies, the session cookie (sent by the
// browser), the CSRF token on every write, and typed failures. A request that
// never reached the server is an OfflineError, so callers can fall back to
// the local cache; a server refusal is an ApiError with its stable code. A
// request the server could not do because its database was busy (503 with
// Retry-After: the write that met the lock was not done) is sent again after
// the wait it asks for, a few times, before the person sees an error.
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

/** Times a request refused for a busy database is sent again. */
const BUSY_RETRIES = 3;
/** The longest wait between those tries, whatever Retry-After says. */
const LONGEST_BUSY_WAIT_MS = 5_000;

/** How long to wait before sending a busy-refused request again, or null: not such a refusal. */
function busyRetryMs(response: Response): number | null {
  const header = response.status === 503 ? response.headers.get("Retry-After") : null;
  const seconds = header === null ? Number.NaN : Number(header);
  if (!Number.isFinite(seconds) || seconds < 0) return null;
  return Math.min(seconds * 1000, LONGEST_BUSY_WAIT_MS);
}

export async function apiRequest<T>(method: HttpMethod, path: string, body?: unknown) {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken !== null) headers["X-CSRF-Token"] = csrfToken;
  const send = async () => {
    try {
      return await fetch(`/api${path}`, {
        method,
        headers,
        credentials: "same-origin",
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      throw new OfflineError(error);
    }
  };
  let response = await send();
  for (let retry = 0; retry < BUSY_RETRIES; retry += 1) {
    const waitMs = busyRetryMs(response);
    if (waitMs === null) break;
    await response.body?.cancel();
    await new Promise((resolve) => setTimeout(resolve, waitMs));
    response = await send();
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
