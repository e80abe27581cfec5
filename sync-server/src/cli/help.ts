// --help texts, derived from the command definitions so they cannot drift.
import type { Command, OptionSpec, OptionSpecs } from "./command.ts";
import { GLOBAL_OPTIONS } from "./options.ts";
import { alignColumns } from "./output.ts";

const PROGRAM = "ovb";

function optionLabel(name: string, spec: OptionSpec): string {
  const long = spec.type === "string" ? `--${name} ${spec.value ?? "VALUE"}` : `--${name}`;
  return spec.short === undefined ? long : `-${spec.short}, ${long}`;
}

const WIDTH = 90;

/** Breaks a paragraph into lines of at most WIDTH characters, at spaces. */
function wrap(paragraph: string): string {
  const lines: string[] = [];
  let line = "";
  for (const word of paragraph.split(/\s+/)) {
    if (line !== "" && line.length + 1 + word.length > WIDTH) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  return [...lines, line].join("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `  ${line}`)
    .join("\n");
}

export function commandHelp(command: Command): string {
  const options: OptionSpecs = { ...command.options, ...GLOBAL_OPTIONS };
  const optionRows = Object.entries(options).map(([name, spec]) => [
    optionLabel(name, spec),
    spec.required === true ? `${spec.description} (required)` : spec.description,
  ]);
  const sections = [
    `Usage: ${PROGRAM} ${command.name} ${command.synopsis}`,
    command.summary,
    ...(command.details === undefined ? [] : [wrap(command.details)]),
    ...(command.args.length === 0
      ? []
      : [`Arguments:\n${indent(alignColumns(command.args.map((a) => [a.name, a.description])))}`]),
    `Options:\n${indent(alignColumns(optionRows))}`,
  ];
  return sections.join("\n\n");
}

export function globalHelp(commands: readonly Command[]): string {
  return [
    `Usage: ${PROGRAM} <command> [options]`,
    wrap(
      "Administers an OpenVibe server by working directly on its data directory's database " +
        "(safe while the server runs). Commands act as an admin: --as EMAIL|@HANDLE, by " +
        "default the oldest active admin.",
    ),
    `Commands:\n${indent(alignColumns(commands.map((c) => [c.name, c.summary])))}`,
    wrap(
      `Run "${PROGRAM} <command> --help" for a command's options. Add --json for ` +
        "machine-readable output. Exit codes: 0 done, 1 refused or failed, 2 wrong command line.",
    ),
  ].join("\n\n");
}
