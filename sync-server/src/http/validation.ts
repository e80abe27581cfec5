// Reads and validates what a request carries (JSON body, query string, path
// ids) against schemas from @openvibe/schema; anything invalid is a 400 that
// lists every problem by field.
import { fields } from "@openvibe/schema";
import type { Context, MiddlewareHandler } from "hono";
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

/** Bodies parsed by `strictJsonBody`, by request. */
const parsedBodies = new WeakMap<Request, { value: unknown }>();
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function requireJsonType(c: Context): void {
  const type = c.req.header("Content-Type") ?? "";
  // JSON only: a cross-site form cannot send it without a CORS preflight, which this server never grants.
  const json = /^application\/json\s*(;|$)/i.test(type);
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(type)?.[1];
  if (!json || (charset !== undefined && charset.toLowerCase() !== "utf-8")) {
    throw new ApiError(
      "unsupported_media_type",
      "send the body as JSON with Content-Type: application/json",
    );
  }
}

/**
 * The one body parser, for every route: a request that carries a body must send it as
 * `application/json` (UTF-8), and it must be exactly one JSON value: strict UTF-8, no
 * byte-order mark, nothing after it. Routes that take no body refuse a malformed one too.
 */
export function strictJsonBody(): MiddlewareHandler {
  return async (c, next) => {
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength > 0) {
      requireJsonType(c);
      let value: unknown;
      try {
        value = JSON.parse(utf8.decode(bytes));
      } catch {
        throw new ApiError("invalid_json", "the request body is not valid JSON");
      }
      parsedBodies.set(c.req.raw, { value });
    }
    await next();
  };
}

/** The JSON body (parsed by `strictJsonBody`; none counts as `{}`), validated. */
export async function readBody<S extends z.ZodType>(c: Context, schema: S): Promise<z.output<S>> {
  requireJsonType(c);
  let parsed = parsedBodies.get(c.req.raw);
  if (parsed === undefined) {
    // An app without the middleware (none in the server): parse here, just as strictly.
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    try {
      parsed = { value: bytes.byteLength === 0 ? {} : JSON.parse(utf8.decode(bytes)) };
    } catch {
      throw new ApiError("invalid_json", "the request body is not valid JSON");
    }
  }
  return parse(schema, parsed.value);
}

/** The query string (first value of each parameter), validated. */
export function readQuery<S extends z.ZodType>(c: Context, schema: S): z.output<S> {
  return parse(schema, c.req.query());
}

/** A path parameter that names a record (`:id`, `:userId`), checked against the shared id format. */
export function readId(c: Context, name = "id"): string {
  return parse(fields.id, c.req.param(name), name);
}
