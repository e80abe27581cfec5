// The dispatcher: picks the command, parses its arguments, runs it, prints
// its output on stdout and any failure on stderr, and returns the exit code.
import type { Command, CommandIO } from "./command.ts";
import { describeFailure, EXIT_USAGE } from "./errors.ts";
import { commandHelp, globalHelp } from "./help.ts";
import { formatOutput } from "./output.ts";
import { parseCommandLine } from "./parse.ts";

export interface ProgramIO extends CommandIO {
  stdout: NodeJS.WritableStream;
}

const HELP_WORDS = new Set(["--help", "-h", "help"]);

function find(commands: readonly Command[], name: string): Command | undefined {
  return commands.find((command) => command.name === name);
}

export async function runProgram(
  commands: readonly Command[],
  argv: string[],
  io: ProgramIO,
): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || HELP_WORDS.has(name)) {
    (name === undefined ? io.stderr : io.stdout).write(`${globalHelp(commands)}\n`);
    return name === undefined ? EXIT_USAGE : 0;
  }
  const command = find(commands, name);
  if (command === undefined) {
    io.stderr.write(`ovb: unknown command "${name}"; run "ovb --help" for the list\n`);
    return EXIT_USAGE;
  }
  try {
    const line = parseCommandLine(command, rest);
    if (line.help) {
      io.stdout.write(`${commandHelp(command)}\n`);
      return 0;
    }
    const output = await command.run(line.values, line.args, io);
    io.stdout.write(formatOutput(output, line.json));
    return 0;
  } catch (error) {
    const failure = describeFailure(error);
    const more = failure.exitCode === EXIT_USAGE ? ` (see "ovb ${name} --help")` : "";
    io.stderr.write(`ovb ${name}: ${failure.message}${more}\n`);
    return failure.exitCode;
  }
}
