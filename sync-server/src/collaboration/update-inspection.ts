// Decides, without applying it, whether a Yjs update (V1, as y-protocols sends
// it) only adds and removes one actor's own reactions: every new item must be
// an entry of the root map `reactions` under a key `message|emoji|actor` of
// that actor, holding one finite number (or already deleted content), and
// every deletion must target such an entry or content that is already
// deleted. Pure: it reads the server's current document and changes nothing.
import { isOwnReactionEntry, isReactionValue } from "@openvibe/schema";
import * as Y from "yjs";

export type Inspection = { allowed: true } | { allowed: false; why: string };

type Struct = Y.Item | Y.GC | Y.Skip;
type DeleteSet = ReturnType<typeof Y.decodeUpdate>["ds"];

/** A root map entry: the root type's name and the entry's key. */
interface Placement {
  root: string;
  key: string;
}

const ALLOWED: Inspection = { allowed: true };
const refuse = (why: string): Inspection => ({ allowed: false, why });

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

/** The structs an update carries that the document does not hold yet, and lookups over both. */
class UpdateInDocument {
  private readonly fresh = new Map<number, Struct[]>();
  private freshCount = 0;

  private readonly doc: Y.Doc;

  constructor(doc: Y.Doc, structs: readonly Struct[]) {
    this.doc = doc;
    for (const struct of structs) {
      const { client, clock } = struct.id;
      if (clock + struct.length <= Y.getState(doc.store, client)) continue;
      const list = this.fresh.get(client) ?? [];
      list.push(struct);
      this.fresh.set(client, list);
      this.freshCount += 1;
    }
  }

  freshStructs(): Struct[] {
    return [...this.fresh.values()].flat();
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

  /** Where an item goes: its parent as sent or integrated, else its origins', as Yjs resolves it. */
  placement(start: Y.Item): Placement | undefined {
    let item = start;
    // Integrated items know their parent, so a chain longer than the fresh structs is a cycle.
    for (let hops = 0; hops <= this.freshCount; hops += 1) {
      const parent: unknown = item.parent;
      if (parent !== null) return this.rootEntry(parent, item.parentSub);
      const neighbour = [item.origin, item.rightOrigin]
        .map((id) => (id === null ? undefined : this.find(id)?.struct))
        .find((struct) => struct instanceof Y.Item);
      if (!(neighbour instanceof Y.Item)) return undefined;
      item = neighbour;
    }
    return undefined;
  }

  private rootEntry(parent: unknown, key: string | null): Placement | undefined {
    if (key === null) return undefined;
    if (typeof parent === "string") return { root: parent, key };
    for (const [root, type] of this.doc.share) if (type === parent) return { root, key };
    return undefined;
  }
}

function isOwnReaction(view: UpdateInDocument, item: Y.Item, actorId: string): boolean {
  const placement = view.placement(item);
  return placement !== undefined && isOwnReactionEntry(placement.root, placement.key, actorId);
}

function isReactionContent(item: Y.Item): boolean {
  const { content } = item;
  if (item.length !== 1) return false;
  if (content instanceof Y.ContentDeleted) return true;
  return content instanceof Y.ContentAny && isReactionValue(content.arr[0]);
}

function insertionProblem(view: UpdateInDocument, struct: Struct, actorId: string) {
  if (struct instanceof Y.Skip) return undefined;
  if (!(struct instanceof Y.Item)) return "inserts garbage-collected content";
  if (!isOwnReaction(view, struct, actorId)) return "inserts outside the actor's own reactions";
  if (!isReactionContent(struct)) return "inserts a reaction value that is not one number";
  return undefined;
}

/** Deleting what is already deleted changes nothing; otherwise only own reactions. */
function isAllowedDeletion(
  view: UpdateInDocument,
  { struct, stored }: { struct: Y.Item | Y.GC; stored: boolean },
  actorId: string,
): boolean {
  if (struct instanceof Y.GC || (stored && struct.deleted)) return true;
  return isOwnReaction(view, struct, actorId);
}

function deletionProblem(view: UpdateInDocument, ds: DeleteSet, actorId: string) {
  for (const [client, ranges] of ds.clients) {
    for (const { clock: start, len } of ranges) {
      let clock = start;
      while (clock < start + len) {
        const found = view.find(Y.createID(client, clock));
        if (found === undefined) return "deletes content the server does not have";
        if (!isAllowedDeletion(view, found, actorId)) {
          return "deletes content other than the actor's own reactions";
        }
        clock = found.struct.id.clock + found.struct.length;
      }
    }
  }
  return undefined;
}

/** Whether `update` only adds or removes `actorId`'s own reactions in `doc`. */
export function inspectReactionUpdate(doc: Y.Doc, update: Uint8Array, actorId: string): Inspection {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return refuse("malformed update");
  }
  const view = new UpdateInDocument(doc, decoded.structs);
  for (const struct of view.freshStructs()) {
    const problem = insertionProblem(view, struct, actorId);
    if (problem !== undefined) return refuse(problem);
  }
  const problem = deletionProblem(view, decoded.ds, actorId);
  return problem === undefined ? ALLOWED : refuse(problem);
}
