import type * as Y from "yjs";
import { isTextField } from "../write-rules/entry-write.ts";
import { type Guard, isYMap } from "./guards.ts";

export const PROBLEM_CODES = [
  "invalid_meta",
  "not_a_map",
  "missing_field",
  "wrong_type",
  "id_mismatch",
  "invalid_key",
  "invalid_value",
  "unknown_reference",
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];

/** Something wrong in a document, located by `root/key/field`. */
export interface DocumentProblem {
  readonly path: string;
  readonly code: ProblemCode;
  readonly message: string;
}

export type Decoded<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly problems: readonly DocumentProblem[] };

export type Decoder<T> = (key: string, entry: unknown) => Decoded<T>;

type FieldGuards = Record<string, Guard<unknown>>;
type Guarded<G> = G extends Guard<infer T> ? T : never;
type Fields<Required extends FieldGuards, Optional extends FieldGuards> = {
  [K in keyof Required]: Guarded<Required[K]>;
} & { [K in keyof Optional]?: Guarded<Optional[K]> };

export interface EntryShape<Required extends FieldGuards, Optional extends FieldGuards> {
  readonly required: Required;
  readonly optional: Optional;
}

/**
 * Reads one entity entry (a Y.Map) against its field guards. Never throws: a malformed entry
 * becomes a list of problems, so read models can skip it.
 */
export function decodeEntry<Required extends FieldGuards, Optional extends FieldGuards>(
  path: string,
  key: string,
  entry: unknown,
  shape: EntryShape<Required, Optional>,
): Decoded<Fields<Required, Optional> & { entry: Y.Map<unknown> }> {
  if (!isYMap(entry)) {
    return { ok: false, problems: [{ path, code: "not_a_map", message: "entry is not a Y.Map" }] };
  }
  const problems: DocumentProblem[] = [];
  const fields: Record<string, unknown> = {};
  for (const [name, guard] of Object.entries(shape.required)) {
    const value = entry.get(name);
    if (value === undefined) {
      problems.push({ path: `${path}/${name}`, code: "missing_field", message: `missing ${name}` });
    } else if (!guard(value)) {
      problems.push({
        path: `${path}/${name}`,
        code: "wrong_type",
        message: `${name} has the wrong type`,
      });
    } else {
      fields[name] = value;
    }
  }
  for (const [name, guard] of Object.entries(shape.optional)) {
    const value = entry.get(name);
    if (value === undefined) continue;
    if (guard(value)) fields[name] = value;
    else
      problems.push({
        path: `${path}/${name}`,
        code: "wrong_type",
        message: `${name} has the wrong type`,
      });
  }
  if (fields.id !== undefined && fields.id !== key) {
    problems.push({
      path: `${path}/id`,
      code: "id_mismatch",
      message: "id differs from the entry key",
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  // Every required field passed its guard and every optional one is absent or passed its guard.
  return { ok: true, value: { ...(fields as Fields<Required, Optional>), entry } };
}

/**
 * Why a plain entry (as the write guard sees one, Y.Text fields as `TextField`s) does not fit
 * `shape`, or undefined when it does: unknown fields, missing required ones, wrong types.
 */
export function shapeProblem<Required extends FieldGuards, Optional extends FieldGuards>(
  fields: Readonly<Record<string, unknown>>,
  shape: EntryShape<Required, Optional>,
  textFields: ReadonlySet<string>,
): string | undefined {
  for (const [name, value] of Object.entries(fields)) {
    const guard = shape.required[name] ?? shape.optional[name];
    if (guard === undefined) return `unknown field ${name}`;
    if (value === undefined) continue;
    if (!(textFields.has(name) ? isTextField(value) : guard(value)))
      return `malformed field ${name}`;
  }
  for (const name of Object.keys(shape.required)) {
    if (fields[name] === undefined) return `missing field ${name}`;
  }
  return undefined;
}
