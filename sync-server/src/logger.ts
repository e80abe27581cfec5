// Structured JSON logs (pino), one logger per process with a child per component.
import { pino } from "pino";
import type { LogLevel } from "./config/config.ts";

export type Logger = pino.Logger;

export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: "openvibe-sync-server" } });
}
