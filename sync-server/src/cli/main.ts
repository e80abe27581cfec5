// Entry point of the operators' command line: `scripts/ovb <command> ...`
// (or `node sync-server/src/cli/main.ts`). Run with --help for the commands.
import { enableCompileCache } from "node:module";

// Every run loads the services afresh; caching their compiled code (in the OS
// temp directory) makes a command start about a quarter faster.
enableCompileCache();
const { COMMANDS } = await import("./commands/index.ts");
const { runProgram } = await import("./run.ts");

const exitCode = await runProgram(COMMANDS, process.argv.slice(2), {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
});
// stdin may still be open (a pipe nobody closed); it must not keep the process alive.
process.stdin.destroy();
process.exitCode = exitCode;
