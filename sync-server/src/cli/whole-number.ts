// A whole-number option's value, checked against its range; a usage error names the option.
import { UsageError } from "./errors.ts";

export function wholeNumber(flag: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < min || n > max) {
    throw new UsageError(`--${flag}: ${value} is not a whole number from ${min} to ${max}`);
  }
  return n;
}
