// Reads and validates a request's JSON body against a schema from
// @openvibe/schema; a bad body is a 400 that lists every problem by field.
import type { Context } from "hono";
import type { z } from "zod";
import { ApiError } from "../errors.ts";

export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  const type = c.req.header("Content-Type") ?? "";
  // JSON only: a cross-site form cannot send it without a CORS preflight, which this server never grants.
  if (!/^application\/json\b/i.test(type)) {
    throw new ApiError(
      "unsupported_media_type",
      "send the body as JSON with Content-Type: application/json",
    );
  }
  let raw: unknown;
  try {
    const text = await c.req.text();
    raw = text === "" ? {} : JSON.parse(text);
  } catch {
    throw new ApiError("invalid_json", "the request body is not valid JSON");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.join("."),
      message: issue.message,
    }));
    throw new ApiError(
      "validation_failed",
      issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "),
      {
        issues,
      },
    );
  }
  return parsed.data;
}
