import type * as Y from "yjs";
import { type EntityKind, notFound } from "../errors.ts";
import { forksMap, messagesMap, threadsMap } from "../layout.ts";
import type { Decoder } from "./decode.ts";
import { decodeFork, type ForkRecord } from "./fork.ts";
import { decodeMessage, type MessageRecord } from "./message.ts";
import { decodeThread, type ThreadRecord } from "./thread.ts";

function find<T>(map: Y.Map<unknown>, id: string, decode: Decoder<T>): T | undefined {
  const decoded = decode(id, map.get(id));
  return decoded.ok ? decoded.value : undefined;
}

function orThrow<T>(entity: EntityKind, found: T | undefined, id: string): T {
  if (found === undefined) throw notFound(entity, id);
  return found;
}

/** A malformed entry is treated like a missing one: operations cannot build on it. */
export function findThread(doc: Y.Doc, id: string): ThreadRecord | undefined {
  return find(threadsMap(doc), id, decodeThread);
}

export function findFork(doc: Y.Doc, id: string): ForkRecord | undefined {
  return find(forksMap(doc), id, decodeFork);
}

export function findMessage(doc: Y.Doc, id: string): MessageRecord | undefined {
  return find(messagesMap(doc), id, decodeMessage);
}

export function requireThread(doc: Y.Doc, id: string): ThreadRecord {
  return orThrow("thread", findThread(doc, id), id);
}

export function requireFork(doc: Y.Doc, id: string): ForkRecord {
  return orThrow("fork", findFork(doc, id), id);
}

export function requireMessage(doc: Y.Doc, id: string): MessageRecord {
  return orThrow("message", findMessage(doc, id), id);
}
