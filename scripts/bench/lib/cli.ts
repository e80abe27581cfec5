// What every benchmark script's command line shares: checked numbers and progress lines.
import { type ParseArgsOptionsConfig, parseArgs } from "node:util";

/** A whole number ≥ 1 from an option ("100_000" allowed), or an error naming the option. */
export function positiveInteger(value: string, name: string): number {
  const n = Number(value.replaceAll("_", ""));
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`${name} must be a positive whole number, got "${value}"`);
  return n;
}

/** A comma-separated list of sizes, e.g. "1000,10000,100000". */
export function sizesOption(value: string, name = "--sizes"): number[] {
  return value.split(",").map((size) => positiveInteger(size.trim(), name));
}

/** A timestamped progress line on stderr (the table goes to stdout). */
export function progress(message: string): void {
  process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${message}\n`);
}

/** The options every size-by-size benchmark takes (spread into parseArgs's `options`). */
export const COMMON_OPTIONS = {
  sizes: { type: "string", default: "1000,10000,100000" },
  seed: { type: "string", default: "42" },
  json: { type: "boolean", default: false },
  help: { type: "boolean", short: "h", default: false },
} as const;

/**
 * Parses a size-by-size benchmark's command line: the common options plus `extra`, strict, no
 * positionals; null when --help was asked for.
 */
export function parseBenchArgs<const T extends ParseArgsOptionsConfig>(argv: string[], extra: T) {
  const { values } = parseArgs({
    args: argv,
    options: { ...COMMON_OPTIONS, ...extra },
    strict: true,
    allowPositionals: false,
  });
  // The merged options' types are only resolved at the call site; --help is always among them.
  return (values as { help?: boolean }).help === true ? null : values;
}
