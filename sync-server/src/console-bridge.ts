// What libraries print (Hocuspocus reports every refused connection and every
// frame it cannot decode with console.error) becomes structured log entries
// (component "console"). Peers decide how often that happens, so each kind of
// message (its first line, numbers and ids blanked) is logged at most
// `perKindPerMinute` times a minute; the rest are counted and reported once a
// minute, so a flood of hostile frames cannot flood the log.
import { formatWithOptions } from "node:util";
import type { Logger } from "./logger.ts";

const MAX_KINDS = 1000;

export function kindOf(text: string): string {
  const firstLine = text.split("\n", 1)[0] ?? "";
  return firstLine
    .replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/gi, "<id>")
    .replace(/"[^"]*"/g, '"…"')
    .replace(/\d+/g, "<n>")
    .slice(0, 120);
}

export function bridgeConsole(
  logger: Logger,
  options: { perKindPerMinute?: number; now?: () => number } = {},
): { error: (...args: unknown[]) => void; warn: (...args: unknown[]) => void } {
  const limit = options.perKindPerMinute ?? 20;
  const now = options.now ?? Date.now;
  const log = logger.child({ component: "console" });
  let windowStart = now();
  let counts = new Map<string, number>();
  let suppressed = 0;
  const admit = (text: string): boolean => {
    if (now() - windowStart >= 60_000) {
      if (suppressed > 0) log.warn({ suppressed }, "console messages suppressed (repeated)");
      windowStart = now();
      counts = new Map();
      suppressed = 0;
    }
    const kind = counts.size >= MAX_KINDS ? "(too many kinds)" : kindOf(text);
    const seen = (counts.get(kind) ?? 0) + 1;
    counts.set(kind, seen);
    if (seen <= limit) return true;
    suppressed += 1;
    return false;
  };
  const format = (args: unknown[]) => formatWithOptions({ colors: false }, ...args);
  return {
    error: (...args) => {
      const text = format(args);
      if (admit(text)) log.error(text);
    },
    warn: (...args) => {
      const text = format(args);
      if (admit(text)) log.warn(text);
    },
  };
}
