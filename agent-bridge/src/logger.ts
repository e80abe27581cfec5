// Structured JSON logs (pino).
import { pino } from "pino";

export type Logger = pino.Logger;

/** Logs at `level` and above, to stdout unless `destination` says otherwise. */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  const options = { level, base: { service: "openvibe-agent-bridge" } };
  return destination === undefined ? pino(options) : pino(options, destination);
}
