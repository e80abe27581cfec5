// Reads and validates what a request carries (JSON body, query string, path
// ids) against schemas from @openvibe/schema; anything invalid is a 400 that
// lists every problem by field.
import { fields } from "@openvibe/schema";
import type { Context } from "hono";
import type { z } from "zod";
import { ApiError } from "../errors.ts";

function parse<S extends z.ZodType>(schema: S, raw: unknown, prefix = ""): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues.map((issue) => ({
    path: [prefix, ...issue.path].filter((part) => part !== "").join("."),
    message: issue.message,
  }));
  throw new ApiError(
    "validation_failed",
    issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; "),
    { issues },
  );
}

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
  return parse(schema, raw);
}

/** The query string (first value of each parameter), validated. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parse(schema, c.req.query());
}

/** A path parameter that names a record (`:id`, `:userId`), checked against the shared id format. */
export function readId(c: Context, name = "id"): string {
  return parse(fields.id, c.req.param(name), name);
}
