// Decides, without applying it, whether a peer's Yjs update (V1, as y-protocols sends it) is one
// the sender may make. Pure: it reads the server's current document and changes nothing.
//
// The update is decoded once. Its new items must sit under client ids that are the sender's
// (or unused so far, which it then claims), with no gaps; every new item and every deletion is
// located in the layout (root map, entry key, field, text) and gathered per entry; each touched
// entry is then judged by its root's rule from the document's rule table (@openvibe/schema's
// WRITE_RULES for a one-document channel, `writeRulesFor(...)` per kind of document in the split
// layout: see document-write-rules.ts), seeing the entry before and after the update. A root the
// table does not name may not be written. One refused entry refuses the whole update.
import {
  type EntryLookup,
  type EntryWrite,
  isRootName,
  MAX_ENTRY_KEY_LENGTH,
  type RootName,
  type RootWriteRule,
  type TextField,
  type WriteRuleTable,
  type Writer,
} from "@openvibe/schema";
import * as Y from "yjs";

export type Inspection =
  | {
      allowed: true;
      /** Client ids the update uses that nobody owned yet: the sender owns them once it is applied. */
      claimedClientIds: number[];
    }
  | { allowed: false; why: string };

/** Who owns each client id of a document (a principal's user id), as far as the server knows. */
export interface ClientIdOwners {
  ownerOf(clientId: number): string | undefined;
}

type Struct = Y.Item | Y.GC | Y.Skip;
type DeleteSet = ReturnType<typeof Y.decodeUpdate>["ds"];
/** Where an item sits: [root, key] for an entry, [root, key, field], or [root, key, field, "#"] for text. */
type Path = readonly string[];

const TEXT_POSITION = "#";

class Refusal extends Error {}
function refuse(why: string): never {
  throw new Refusal(why);
}

/** The struct of `structs` (sorted by clock, one client) that holds `clock`, if any. */
function structContaining<T extends Struct>(structs: readonly T[], clock: number): T | undefined {
  let low = 0;
  let high = structs.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const struct = structs[middle];
    if (struct === undefined) return undefined;
    if (clock < struct.id.clock) high = middle - 1;
    else if (clock >= struct.id.clock + struct.length) low = middle + 1;
    else return struct;
  }
  return undefined;
}

/** What an update does to one entry of a root map. */
interface EntryTouch {
  readonly root: RootName;
  readonly key: string;
  /** The rule of the root in this document. */
  readonly rule: RootWriteRule;
  /** The update sets the entry's key itself (a new entry, or a replacement). */
  set: boolean;
  /** The latest value the update sets the key to: a plain value, or a fresh map's fields. */
  value: unknown;
  /** The stored value item of the key is deleted. */
  removed: boolean;
  /** Fields set (latest value), or deleted (undefined). */
  readonly fields: Map<string, unknown>;
  readonly text: Map<string, { inserted: number; deleted: number }>;
}

const FRESH_MAP = Symbol("fresh map");
const FRESH_TEXT = Symbol("fresh text");

/** The update's new structs over the server's document: lookups, locations and the gathered touches. */
class UpdateInDocument {
  private readonly fresh = new Map<number, Struct[]>();
  private readonly rootNames = new Map<unknown, string>();
  private readonly paths = new Map<Y.Item, Path | null>();
  private freshCount = 0;
  private readonly doc: Y.Doc;
  private readonly rules: WriteRuleTable;
  readonly touches = new Map<string, EntryTouch>();

  constructor(doc: Y.Doc, structs: readonly Struct[], rules: WriteRuleTable) {
    this.doc = doc;
    this.rules = rules;
    for (const [name, type] of doc.share) this.rootNames.set(type, name);
    for (const struct of structs) {
      // Yjs never makes one, yet integrates one sent by hand: right of an entry's value it
      // becomes the entry's value, which reads as undefined (anyone's message hidden). Without
      // this it would pass below as content the server already has.
      if (struct.length === 0) refuse("writes an empty item");
      const { client, clock } = struct.id;
      if (clock + struct.length <= Y.getState(doc.store, client)) continue;
      const list = this.fresh.get(client) ?? [];
      list.push(struct);
      this.fresh.set(client, list);
      this.freshCount += 1;
    }
  }

  freshClients(): IterableIterator<[number, Struct[]]> {
    return this.fresh.entries();
  }

  /** The struct holding `id`: the document's if it has that clock, else the update's. */
  find(id: Y.ID): { struct: Y.Item | Y.GC; stored: boolean } | undefined {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      const struct = structContaining(this.doc.store.clients.get(id.client) ?? [], id.clock);
      return struct === undefined ? undefined : { struct, stored: true };
    }
    const struct = structContaining(this.fresh.get(id.client) ?? [], id.clock);
    return struct === undefined || struct instanceof Y.Skip ? undefined : { struct, stored: false };
  }

  /** The layout path of an item (stored or fresh), or null where the layout has no place. */
  path(item: Y.Item): Path | null {
    const known = this.paths.get(item);
    if (known !== undefined) return known;
    this.paths.set(item, null); // a cycle of parents resolves to "no place"
    const path = this.locate(item);
    this.paths.set(item, path);
    return path;
  }

  private locate(start: Y.Item): Path | null {
    let item = start;
    // Integrated items know their parent, so a chain longer than the fresh structs is a cycle.
    for (let hops = 0; hops <= this.freshCount; hops += 1) {
      const parent: unknown = item.parent;
      if (parent !== null) return this.under(parent, item.parentSub);
      const neighbour = [item.origin, item.rightOrigin]
        .map((id) => (id === null ? undefined : this.find(id)?.struct))
        .find((struct) => struct instanceof Y.Item);
      if (!(neighbour instanceof Y.Item)) return null;
      item = neighbour;
    }
    return null;
  }

  /** The path of a child of `parent` (root name, type or holder item id) under `key`. */
  private under(parent: unknown, key: string | null): Path | null {
    const root = typeof parent === "string" ? parent : this.rootNames.get(parent);
    if (root !== undefined) return key === null ? null : [root, key];
    const holder = this.holderOf(parent);
    if (holder === undefined) return null;
    const holderPath = this.path(holder);
    if (holderPath === null) return null;
    return [...holderPath, key ?? TEXT_POSITION];
  }

  /** The item holding a nested type: an integrated type's `_item`, or the item an ID names. */
  private holderOf(parent: unknown): Y.Item | undefined {
    if (parent instanceof Y.AbstractType) return parent._item ?? undefined;
    if (parent instanceof Y.ID) {
      const found = this.find(parent)?.struct;
      return found instanceof Y.Item ? found : undefined;
    }
    return undefined;
  }

  touch(root: string, key: string): EntryTouch {
    if (!isRootName(root)) return refuse(`writes into an unknown root "${root}"`);
    const rule = this.rules[root];
    if (rule === undefined)
      return refuse(`writes into "${root}", which this document does not hold`);
    if (key.length > MAX_ENTRY_KEY_LENGTH)
      refuse(`writes a key longer than ${MAX_ENTRY_KEY_LENGTH}`);
    const id = `${root}\u0000${key}`;
    let touch = this.touches.get(id);
    if (touch === undefined) {
      touch = {
        root,
        key,
        rule,
        set: false,
        value: undefined,
        removed: false,
        fields: new Map(),
        text: new Map(),
      };
      this.touches.set(id, touch);
    }
    return touch;
  }
}

function contentValue(item: Y.Item, rule: RootWriteRule, path: Path): unknown {
  const { content } = item;
  if (content instanceof Y.ContentAny && content.arr.length === 1) return content.arr[0];
  if (content instanceof Y.ContentType) {
    const isMap = content.type instanceof Y.Map;
    const isText = content.type instanceof Y.Text;
    if (path.length === 2 && rule.entries === "map" && isMap) return FRESH_MAP;
    if (path.length === 3 && isText && rule.textFields?.has(path[2] ?? "")) return FRESH_TEXT;
  }
  return refuse(`writes content the layout does not hold at ${path.join("/")}`);
}

function textField(path: Path, rule: RootWriteRule): string {
  const field = path[2] ?? "";
  if (path.length !== 4 || path[3] !== TEXT_POSITION || !rule.textFields?.has(field)) {
    refuse(`writes outside the layout at ${path.join("/")}`);
  }
  return field;
}

function textCount(touch: EntryTouch, field: string) {
  let count = touch.text.get(field);
  if (count === undefined) {
    count = { inserted: 0, deleted: 0 };
    touch.text.set(field, count);
  }
  return count;
}

/** Records one new item: an entry set, a field set, or text. Deleted content only claims its place. */
function gatherInsertion(view: UpdateInDocument, item: Y.Item): void {
  const path = view.path(item);
  if (path === null || path.length < 2) refuse("writes outside the layout");
  const [root = "", key = ""] = path;
  const touch = view.touch(root, key);
  const { rule } = touch;
  // Deleted content still takes its key when it integrates, removing the value held there.
  const deleted = item.content instanceof Y.ContentDeleted;
  if (path.length === 2 && deleted) {
    touch.removed = true;
    return;
  }
  if (path.length === 2) {
    touch.set = true;
    touch.value = contentValue(item, rule, path);
    return;
  }
  if (rule.entries !== "map") refuse(`writes inside a plain value at ${path.join("/")}`);
  if (path.length === 3) {
    touch.fields.set(path[2] ?? "", deleted ? undefined : contentValue(item, rule, path));
    return;
  }
  const field = textField(path, rule);
  if (deleted) return;
  if (!(item.content instanceof Y.ContentString)) refuse("writes non-text content into a text");
  textCount(touch, field).inserted += item.length;
}

/** Records the deletion of `length` units of live content: an entry, a field's value, or text. */
function gatherDeletion(view: UpdateInDocument, item: Y.Item, length: number): void {
  const path = view.path(item);
  if (path === null || path.length < 2) refuse("deletes outside the layout");
  const [root = "", key = ""] = path;
  const touch = view.touch(root, key);
  const { rule } = touch;
  if (path.length === 2) {
    touch.removed = true;
    return;
  }
  if (path.length === 3) {
    const field = path[2] ?? "";
    if (!touch.fields.has(field)) touch.fields.set(field, undefined);
    return;
  }
  textCount(touch, textField(path, rule)).deleted += length;
}

function checkClientIds(
  view: UpdateInDocument,
  doc: Y.Doc,
  owners: ClientIdOwners,
  senderId: string,
): number[] {
  const claimed: number[] = [];
  for (const [client, structs] of view.freshClients()) {
    if (client === doc.clientID) refuse("writes under the server's client id");
    const owner = owners.ownerOf(client);
    if (owner !== undefined && owner !== senderId)
      refuse("writes under another principal's client id");
    if (owner === undefined) claimed.push(client);
    let next = Y.getState(doc.store, client);
    for (const struct of structs) {
      if (struct instanceof Y.Skip || struct.id.clock > next) refuse("update has gaps");
      next = struct.id.clock + struct.length;
    }
  }
  return claimed;
}

function gatherDeletions(view: UpdateInDocument, ds: DeleteSet): void {
  for (const [client, ranges] of ds.clients) {
    for (const { clock: start, len } of ranges) {
      // Yjs never writes an empty range, and applying one for content the document lacks throws
      // inside Yjs (its pending delete set cannot encode a zero length).
      if (len <= 0) refuse("malformed update: an empty deletion range");
      let clock = start;
      while (clock < start + len) {
        const found = view.find(Y.createID(client, clock));
        if (found === undefined) refuse("deletes content the server does not have");
        const { struct, stored } = found;
        const end = Math.min(start + len, struct.id.clock + struct.length);
        // Stored content already deleted changes nothing; new content deleted at once is
        // counted so a text's length comes out right (its insertion was gathered).
        const live = struct instanceof Y.Item && (!stored || !struct.deleted);
        if (live) gatherDeletion(view, struct, end - Math.max(clock, struct.id.clock));
        clock = end;
      }
    }
  }
}

/** An entry as stored: a map entry's fields (Y.Text as TextField), or a plain value. */
function storedEntry(doc: Y.Doc, root: RootName, key: string): unknown {
  const value = doc.getMap(root).get(key);
  if (!(value instanceof Y.Map)) return value;
  const fields: Record<string, unknown> = {};
  for (const [field, fieldValue] of value.entries()) {
    fields[field] =
      fieldValue instanceof Y.Text
        ? ({ kind: "text", length: fieldValue.length, inserted: 0, deleted: 0 } satisfies TextField)
        : fieldValue;
  }
  return fields;
}

function textAfter(before: unknown, count: { inserted: number; deleted: number }): TextField {
  const length =
    typeof before === "object" && before !== null && "length" in before ? Number(before.length) : 0;
  return { kind: "text", length: length + count.inserted - count.deleted, ...count };
}

/** The entry after the update, with the fields it changed. */
function entryWrite(doc: Y.Doc, touch: EntryTouch): EntryWrite {
  const before = storedEntry(doc, touch.root, touch.key);
  const replaced = touch.set && touch.value === FRESH_MAP && before !== undefined;
  if (touch.rule.entries === "value") {
    const after = touch.set ? touch.value : touch.removed ? undefined : before;
    return { key: touch.key, before, after, replaced, changed: new Set() };
  }
  const base = touch.set || before === undefined ? {} : (before as Record<string, unknown>);
  const fields: Record<string, unknown> = { ...base };
  for (const [field, value] of touch.fields) {
    if (value === FRESH_TEXT) fields[field] = textAfter(undefined, { inserted: 0, deleted: 0 });
    else if (value === undefined) delete fields[field];
    else fields[field] = value;
  }
  for (const [field, count] of touch.text) {
    fields[field] = textAfter(
      touch.fields.get(field) === FRESH_TEXT ? undefined : base[field],
      count,
    );
  }
  const removed = touch.removed && !touch.set;
  const changed = new Set([...touch.fields.keys(), ...touch.text.keys()]);
  return { key: touch.key, before, after: removed ? undefined : fields, replaced, changed };
}

/**
 * Whether `writer` may apply `update` to `doc` under the document's rule table `rules`; `owners`
 * tells whose each client id is.
 */
export function inspectUpdate(
  doc: Y.Doc,
  update: Uint8Array,
  writer: Writer,
  owners: ClientIdOwners,
  rules: WriteRuleTable,
): Inspection {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return { allowed: false, why: "malformed update" };
  }
  try {
    const view = new UpdateInDocument(doc, decoded.structs, rules);
    const claimedClientIds = checkClientIds(view, doc, owners, writer.clientOwner);
    for (const [, structs] of view.freshClients()) {
      for (const struct of structs) if (struct instanceof Y.Item) gatherInsertion(view, struct);
    }
    gatherDeletions(view, decoded.ds);
    const writes = new Map<string, EntryWrite>();
    for (const [id, touch] of view.touches) writes.set(id, entryWrite(doc, touch));
    const lookup: EntryLookup = {
      after: (root, key) => {
        const write = writes.get(`${root}\u0000${key}`);
        return write === undefined ? storedEntry(doc, root, key) : write.after;
      },
    };
    for (const [id, write] of writes) {
      const touch = view.touches.get(id);
      const noEffect = write.before === undefined && write.after === undefined;
      if (touch === undefined || noEffect) continue;
      const why = touch.rule.check(write, writer, lookup);
      if (why !== undefined) return { allowed: false, why: `${touch.root}/${touch.key}: ${why}` };
    }
    return { allowed: true, claimedClientIds };
  } catch (error) {
    if (error instanceof Refusal) return { allowed: false, why: error.message };
    // Yjs structures that do not hang together (a malformed update that decoded) are refused too.
    return { allowed: false, why: "malformed update" };
  }
}
