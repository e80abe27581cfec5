// A pino logger whose JSON lines a test can read and wait on, instead of stdout.
import { EventEmitter } from "node:events";
import { pino } from "pino";
import type { Logger } from "../../src/logger.ts";
import type { LogEntry } from "./logging-child.ts";
import { onEvent, waitFor } from "./wait-for.ts";

export interface CapturedLog {
  logger: Logger;
  entries: LogEntry[];
  /** Resolves once an entry satisfying `match` has been logged (or already was). */
  until(what: string, match: (entry: LogEntry) => boolean): Promise<void>;
}

export function capturedLog(): CapturedLog {
  const entries: LogEntry[] = [];
  const lines = new EventEmitter();
  const logger = pino(
    { level: "info" },
    {
      write(line: string) {
        entries.push(JSON.parse(line) as LogEntry);
        lines.emit("line");
      },
    },
  );
  return {
    logger,
    entries,
    until: (what, match) => waitFor(what, () => entries.some(match), onEvent(lines, "line")),
  };
}
