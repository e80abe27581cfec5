// Reads a line from a terminal without echoing it (for passwords).
import { CliError } from "./errors.ts";

const ENTER = new Set(["\r", "\n"]);
const BACKSPACE = new Set(["\u007f", "\b"]);
const CTRL_C = "\u0003";
const CTRL_D = "\u0004";

export function promptHidden(
  input: NodeJS.ReadStream,
  output: NodeJS.WritableStream,
  prompt: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let typed: string[] = [];
    const finish = (error?: CliError) => {
      input.off("data", onData);
      input.setRawMode(false);
      input.pause();
      output.write("\n");
      if (error === undefined) resolve(typed.join(""));
      else reject(error);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (ENTER.has(char)) return finish();
        if (char === CTRL_C || (char === CTRL_D && typed.length === 0)) {
          return finish(new CliError("cancelled; nothing was changed"));
        }
        if (BACKSPACE.has(char)) typed = typed.slice(0, -1);
        else if (char !== CTRL_D) typed.push(char);
      }
    };
    output.write(prompt);
    input.setEncoding("utf8");
    input.setRawMode(true);
    input.on("data", onData);
    input.resume();
  });
}
