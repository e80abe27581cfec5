// HTTP errors are JSON: {"error": {"code", "message", "issues"?}} with the
// status that belongs to the code (see API_ERRORS in @openvibe/schema).
import { API_ERRORS, type ApiErrorBody, type ApiErrorCode, type ApiIssue } from "@openvibe/schema";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ApiError } from "../errors.ts";

export function jsonError(
  c: Context,
  code: ApiErrorCode,
  message: string,
  issues?: ApiIssue[],
): Response {
  const body: ApiErrorBody = {
    error: { code, message, ...(issues === undefined ? {} : { issues }) },
  };
  return c.json(body, API_ERRORS[code] as ContentfulStatusCode);
}

export function apiErrorResponse(c: Context, error: ApiError): Response {
  if (error.retryAfterSeconds !== undefined)
    c.header("Retry-After", String(error.retryAfterSeconds));
  return jsonError(c, error.code, error.message, error.issues);
}

export { ApiError };
