import * as Y from "yjs";

export type Guard<T> = (value: unknown) => value is T;

export function isString(value: unknown): value is string {
  return typeof value === "string";
}

export function isStringOrNull(value: unknown): value is string | null {
  return value === null || typeof value === "string";
}

export function isTrue(value: unknown): value is true {
  return value === true;
}

export function isFiniteNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

export function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every(isString);
}

export function isYText(value: unknown): value is Y.Text {
  return value instanceof Y.Text;
}

export function isYMap(value: unknown): value is Y.Map<unknown> {
  return value instanceof Y.Map;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function oneOf<T extends string>(values: readonly T[]): Guard<T> {
  return (value: unknown): value is T => values.some((candidate) => candidate === value);
}
