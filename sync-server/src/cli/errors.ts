// The two ways a command fails: a wrong command line (exit 2) or a refusal
// or problem while doing it (exit 1). Service errors map onto these.
import { ApiError } from "../errors.ts";

export const EXIT_ERROR = 1;
export const EXIT_USAGE = 2;

/** The command line is wrong: a missing or unknown option, an invalid value. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/** The command is valid but cannot be done, with a message saying what to do instead. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

export interface Failure {
  message: string;
  exitCode: number;
}

const HINTS: Partial<Record<ApiError["code"], string>> = {
  already_set_up: 'nothing to do; add people with "ovb create-user"',
};

export function describeFailure(error: unknown): Failure {
  if (error instanceof UsageError) return { message: error.message, exitCode: EXIT_USAGE };
  if (error instanceof CliError) return { message: error.message, exitCode: EXIT_ERROR };
  if (error instanceof ApiError) {
    const hint = HINTS[error.code];
    return {
      message: hint === undefined ? error.message : `${error.message}: ${hint}`,
      exitCode: error.code === "validation_failed" ? EXIT_USAGE : EXIT_ERROR,
    };
  }
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { message: `unexpected failure, please report it:\n${message}`, exitCode: EXIT_ERROR };
}
