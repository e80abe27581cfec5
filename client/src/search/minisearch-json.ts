// MiniSearch's JSON text of an index (what JSON.stringify(miniSearch) gives and
// MiniSearch.loadJSON reads), written straight from its maps: toJSON first builds, for each word,
// an object keyed by document number, which V8 lays out as an array as long as the highest
// number; that took most of the seconds a whole index took to save. Reads the private fields of
// MiniSearch 7; a test checks that the text is JSON.stringify's, letter for letter.
import type MiniSearch from "minisearch";

interface Internals {
  _documentCount: number;
  _nextId: number;
  _documentIds: Map<number, unknown>;
  _fieldIds: Record<string, number>;
  _fieldLength: Map<number, number[]>;
  _avgFieldLength: number[];
  _storedFields: Map<number, unknown>;
  _dirtCount: number;
  /** Word -> field number -> document number -> occurrences. */
  _index: Iterable<[string, Map<number, Map<number, number>>]>;
}

/** `{"key":value,…}` of a map keyed by numbers. */
function numbered<T>(map: ReadonlyMap<number, T>, text: (value: T) => string): string {
  const entries: string[] = [];
  for (const [key, value] of map) entries.push(`"${key}":${text(value)}`);
  return `{${entries.join(",")}}`;
}

const json = (value: unknown) => JSON.stringify(value);
const plain = (count: number) => String(count);

export function miniSearchJson<T>(miniSearch: MiniSearch<T>): string {
  const mini = miniSearch as unknown as Internals;
  const words: string[] = [];
  for (const [word, fields] of mini._index) {
    words.push(`[${json(word)},${numbered(fields, (counts) => numbered(counts, plain))}]`);
  }
  return [
    `{"documentCount":${mini._documentCount}`,
    `"nextId":${mini._nextId}`,
    `"documentIds":${numbered(mini._documentIds, json)}`,
    `"fieldIds":${json(mini._fieldIds)}`,
    `"fieldLength":${numbered(mini._fieldLength, json)}`,
    `"averageFieldLength":${json(mini._avgFieldLength)}`,
    `"storedFields":${numbered(mini._storedFields, json)}`,
    `"dirtCount":${mini._dirtCount}`,
    `"index":[${words.join(",")}]`,
    `"serializationVersion":2}`,
  ].join(",");
}
