// Copies a value of one Yjs document into another so that the written updates depend only on
// the value, never on how the source happens to be encoded: map keys and object fields go in
// sorted order, texts as their strings. Splitting the same channel twice then writes the same
// items, which Yjs recognises as already applied (split-channel.ts).
import * as Y from "yjs";
import { compareCodeUnits } from "../clock.ts";

/** A plain (JSON-like) value with every object's fields in sorted order. */
export function canonicalPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalPlain);
  if (value instanceof Uint8Array || typeof value !== "object" || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort(compareCodeUnits)) {
    sorted[key] = canonicalPlain((value as Record<string, unknown>)[key]);
  }
  return sorted;
}

function sortedKeys(map: Y.Map<unknown>): string[] {
  return [...map.keys()].sort(compareCodeUnits);
}

/**
 * Sets `target[key]` to a copy of `value` (Y.Maps and Y.Texts at any depth, or a plain value). Nested types are attached to the document first and filled after, as the record
 * writers do, so the copy is ordinary document content.
 */
export function copyInto(target: Y.Map<unknown>, key: string, value: unknown): void {
  if (value instanceof Y.Map) {
    const copy = new Y.Map<unknown>();
    target.set(key, copy);
    for (const field of sortedKeys(value)) copyInto(copy, field, value.get(field));
  } else if (value instanceof Y.Text) {
    target.set(key, new Y.Text(value.toString()));
  } else if (value instanceof Y.AbstractType) {
    // No record holds other shared types; a legacy oddity keeps its content as plain JSON.
    target.set(key, canonicalPlain(value.toJSON()));
  } else {
    target.set(key, canonicalPlain(value));
  }
}

/** Every entry of `source` whose key `keep` accepts, in sorted key order. */
export function copyEntries(
  source: Y.Map<unknown>,
  target: Y.Map<unknown>,
  keep: (key: string, value: unknown) => boolean,
): void {
  for (const key of sortedKeys(source)) {
    const value = source.get(key);
    if (keep(key, value)) copyInto(target, key, value);
  }
}
