// What every benchmark script's command line shares: checked numbers and progress lines.

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
