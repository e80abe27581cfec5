// Checks command-line input with the HTTP API's request schemas, so both
// accept the same values; problems are reported by option name.
import type { z } from "zod";
import { UsageError } from "./errors.ts";

/**
 * Parses `input` with `schema`; `flags` names the option each request field
 * came from, e.g. {displayName: "--name"} ("" for a value that is no object).
 */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
  flags: Record<string, string>,
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const field = String(issue.path[0] ?? "");
    return `${flags[field] ?? field}: ${issue.message}`;
  });
  throw new UsageError(problems.join("; "));
}
