// Runs an HTTP API call for a form or a button and keeps what went wrong:
// the server's validation issues by field (issues[].path), its message, or
// that the server could not be reached (these actions need the network).
import { useCallback, useMemo, useState } from "react";
import { ApiError, OfflineError } from "../../api/http.ts";

export const OFFLINE_ACTION = "You are offline: this needs the server. Try again when online.";

export interface ApiAction {
  busy: boolean;
  /** A message for the whole form (not tied to a field). */
  error: string | null;
  fieldError(path: string): string | undefined;
  /** Runs the request; undefined when it failed (the failure is kept). */
  run<T>(request: () => Promise<T>): Promise<T | undefined>;
}

interface Failure {
  message: string;
  fields: ReadonlyMap<string, string>;
}

function describe(error: unknown, fieldPaths: readonly string[]): Failure {
  if (error instanceof OfflineError) return { message: OFFLINE_ACTION, fields: new Map() };
  if (!(error instanceof ApiError)) throw error;
  const fields = new Map<string, string>();
  const rest: string[] = [];
  for (const issue of error.issues) {
    if (fieldPaths.includes(issue.path) && !fields.has(issue.path)) {
      fields.set(issue.path, issue.message);
    } else rest.push(issue.path === "" ? issue.message : `${issue.path}: ${issue.message}`);
  }
  const message = fields.size > 0 && rest.length === 0 ? "" : [error.message, ...rest].join(" · ");
  return { message, fields };
}

/** `fieldPaths`: the request fields this form shows, whose issues appear next to them. */
export function useApiAction(fieldPaths: readonly string[] = []): ApiAction {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const paths = fieldPaths.join("\n");
  const run = useCallback(
    async <T>(request: () => Promise<T>): Promise<T | undefined> => {
      setBusy(true);
      try {
        const result = await request();
        setFailure(null);
        return result;
      } catch (error) {
        setFailure(describe(error, paths.split("\n")));
        return undefined;
      } finally {
        setBusy(false);
      }
    },
    [paths],
  );
  return useMemo(
    () => ({
      busy,
      error: failure === null || failure.message === "" ? null : failure.message,
      fieldError: (path: string) => failure?.fields.get(path),
      run,
    }),
    [busy, failure, run],
  );
}
