// What a benchmark script printed with --json, for its smoke test: the script run to its end
// within a deadline and its stdout parsed, or an error that shows that stdout when it is not one
// JSON document (a log line ahead of the JSON, as the bridge's warnings once were, otherwise
// reads as a bare "Unexpected token").
import { execFile } from "node:child_process";
import { promisify } from "node:util";

export async function benchJson<T>(
  command: string,
  args: readonly string[],
  timeoutMs: number,
): Promise<T> {
  const { stdout } = await promisify(execFile)(command, [...args], {
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  try {
    return JSON.parse(stdout) as T;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(
      `${command} ${args.join(" ")} printed what is not one JSON document (${why}):\n${stdout.slice(0, 2_000)}`,
    );
  }
}
