// Turns a command's arguments into checked option values with node:util
// parseArgs: unknown options, missing values, required options, exclusive
// groups and the number of positional arguments are usage errors.
import { parseArgs } from "node:util";
import type { Command, OptionSpecs } from "./command.ts";
import { UsageError } from "./errors.ts";
import { GLOBAL_OPTIONS } from "./options.ts";

export interface ParsedCommandLine {
  values: Record<string, string | boolean | undefined>;
  args: string[];
  json: boolean;
  help: boolean;
}

type Values = ParsedCommandLine["values"];

const flag = (name: string) => `--${name}`;

function parserOptions(options: OptionSpecs) {
  return Object.fromEntries(
    Object.entries(options).map(([name, spec]) => [
      name,
      {
        type: spec.type,
        ...(spec.type === "boolean" ? { default: false } : {}),
        ...(spec.short === undefined ? {} : { short: spec.short }),
      },
    ]),
  );
}

function checkRequired(command: Command, values: Values): void {
  const missing = Object.entries(command.options)
    .filter(([name, spec]) => spec.required === true && values[name] === undefined)
    .map(([name, spec]) => `${flag(name)} ${spec.value ?? "VALUE"}`);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(", ")}`);
}

function checkOneOf(command: Command, values: Values): void {
  for (const group of command.oneOf) {
    const given = group.filter((name) => values[name] !== undefined);
    if (given.length !== 1) {
      const choices = group.map(flag).join(" or ");
      throw new UsageError(
        given.length === 0 ? `pass ${choices}` : `pass only one of ${given.map(flag).join(", ")}`,
      );
    }
  }
}

function checkArgs(command: Command, args: string[]): void {
  const expected = command.args.map((a) => a.name);
  const required = command.args.filter((a) => a.optional !== true).length;
  if (args.length < required) {
    throw new UsageError(`missing ${expected.slice(args.length, required).join(" ")}`);
  }
  if (args.length > expected.length) {
    throw new UsageError(`unexpected argument ${JSON.stringify(args[expected.length])}`);
  }
}

/** Option values without arrays (no option is declared `multiple`). */
function scalars(values: Record<string, unknown>): Values {
  return Object.fromEntries(
    Object.entries(values).filter(
      (entry): entry is [string, string | boolean] =>
        typeof entry[1] === "string" || typeof entry[1] === "boolean",
    ),
  );
}

function parseError(error: unknown): UsageError {
  // parseArgs throws TypeErrors with an ERR_PARSE_ARGS_* code and a readable message.
  const message = error instanceof Error ? error.message : String(error);
  return new UsageError(message.replace(/\. To specify a positional argument.*$/s, ""));
}

export function parseCommandLine(command: Command, argv: string[]): ParsedCommandLine {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: parserOptions({ ...command.options, ...GLOBAL_OPTIONS }),
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw parseError(error);
  }
  const { json, help, ...values } = scalars(parsed.values);
  const result = { values, args: parsed.positionals, json: json === true, help: help === true };
  if (!result.help) {
    checkRequired(command, values);
    checkOneOf(command, values);
    checkArgs(command, result.args);
  }
  return result;
}
