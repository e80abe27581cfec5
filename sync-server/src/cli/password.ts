// New passwords for setup, create-user and reset-password: one line from
// stdin with --password-stdin, otherwise typed twice at a terminal without
// echo. Never a default; checked with the API's password rules.
import { createInterface } from "node:readline";
import { fields } from "@openvibe/schema";
import type { CommandIO } from "./command.ts";
import { CliError, UsageError } from "./errors.ts";
import { promptHidden } from "./hidden-prompt.ts";
import { validate } from "./validate.ts";

const checkPassword = (password: string): string =>
  validate(fields.newPassword, password, { "": "password" });

async function firstLine(input: NodeJS.ReadableStream): Promise<string | undefined> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of lines) return line;
    return undefined;
  } finally {
    lines.close();
  }
}

async function fromStdin(io: CommandIO): Promise<string> {
  const line = await firstLine(io.stdin);
  if (line === undefined || line === "") {
    throw new UsageError(
      "--password-stdin: stdin had no password; pipe it as one line, e.g. " +
        "printf '%s\\n' \"$PASSWORD\" | ovb ... --password-stdin",
    );
  }
  return line;
}

async function fromTerminal(io: CommandIO, whose: string): Promise<string> {
  const first = await promptHidden(io.stdin, io.stderr, `New password for ${whose}: `);
  checkPassword(first);
  const again = await promptHidden(io.stdin, io.stderr, "Repeat it: ");
  if (again !== first) throw new CliError("the two passwords differ; nothing was changed");
  return first;
}

/**
 * Refuses, as a usage error, to wait for a password that cannot come: no --password-stdin and
 * no terminal to prompt at. Commands call it before they touch the database.
 */
export function requirePasswordSource(io: CommandIO, options: { stdin: boolean }): void {
  if (!options.stdin && io.stdin.isTTY !== true) {
    throw new UsageError(
      "stdin is not a terminal, so the password cannot be prompted for: pass --password-stdin " +
        "and the password as one line on stdin",
    );
  }
}

/** Asks for a new password for `whose` (shown in the prompt) and checks it. */
export async function readNewPassword(
  io: CommandIO,
  options: { stdin: boolean; whose: string },
): Promise<string> {
  requirePasswordSource(io, options);
  const password = options.stdin ? await fromStdin(io) : await fromTerminal(io, options.whose);
  return checkPassword(password);
}
