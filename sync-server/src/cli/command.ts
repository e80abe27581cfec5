// What a subcommand is: its options (from which parsing, checks and --help
// are derived) and a run function that returns what to print.
import type { Output } from "./output.ts";

export interface OptionSpec {
  type: "string" | "boolean";
  description: string;
  /** Placeholder for the value in --help, e.g. EMAIL. */
  value?: string;
  required?: boolean;
  /** A one-letter alias, e.g. "h" for -h. */
  short?: string;
}

export type OptionSpecs = Record<string, OptionSpec>;

export interface PositionalSpec {
  name: string;
  description: string;
  optional?: boolean;
}

/** Parsed option values: required strings are present, booleans default to false. */
export type OptionValues<O extends OptionSpecs> = {
  [K in keyof O]: O[K]["type"] extends "boolean"
    ? boolean
    : O[K] extends { required: true }
      ? string
      : string | undefined;
};

export interface CommandIO {
  stdin: NodeJS.ReadStream;
  /** Prompts, warnings and errors; stdout carries only the command's output. */
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export interface CommandInput<O extends OptionSpecs> {
  values: OptionValues<O>;
  /** Positional arguments, as many as the command declares. */
  args: string[];
  io: CommandIO;
}

export interface CommandSpec<O extends OptionSpecs> {
  name: string;
  /** One line for the global --help. */
  summary: string;
  /** What follows `ovb <name>` in the usage line. */
  synopsis: string;
  /** Paragraphs shown under the usage line. */
  details?: string;
  options: O;
  /** Groups of options of which exactly one must be given. */
  oneOf?: (keyof O & string)[][];
  /** Positional arguments, each required unless `optional` (optional ones come last). */
  args?: PositionalSpec[];
  run(input: CommandInput<O>): Promise<Output> | Output;
}

/** A command with its option types erased, so commands of any shape fit in one list. */
export interface Command {
  name: string;
  summary: string;
  synopsis: string;
  details: string | undefined;
  options: OptionSpecs;
  oneOf: string[][];
  args: PositionalSpec[];
  run(
    values: Record<string, string | boolean | undefined>,
    args: string[],
    io: CommandIO,
  ): Promise<Output>;
}

export function defineCommand<const O extends OptionSpecs>(spec: CommandSpec<O>): Command {
  return {
    name: spec.name,
    summary: spec.summary,
    synopsis: spec.synopsis,
    details: spec.details,
    options: spec.options,
    oneOf: spec.oneOf ?? [],
    args: spec.args ?? [],
    // The parser checked types, required options and booleans against `spec.options`.
    run: async (values, args, io) => spec.run({ values: values as OptionValues<O>, args, io }),
  };
}
