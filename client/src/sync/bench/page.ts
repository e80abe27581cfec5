// The in-page half of the local store benchmark (scripts/bench/local-store): bundled by
// scripts/bench/local-store-page.ts and run in Chromium. Never part of the app.
//
// Each store is opened the way a replica opens it: a fresh Y.Doc, the store, wait until loaded.
// "Stored" means the IndexedDB transaction holding the update has committed.
import { type Actor, createManualEnv, postMessage } from "@openvibe/schema";
import { IndexeddbPersistence } from "y-indexeddb";
import * as Y from "yjs";
import { committed } from "../local-store/idb.ts";
import { LocalDocumentStore } from "../local-store/local-document-store.ts";
import { storedRows, totalBytes } from "../local-store/stored-rows.ts";

export const STORES = ["openvibe", "y-indexeddb"] as const;
export type StoreKind = (typeof STORES)[number];

interface OpenedStore {
  doc: Y.Doc;
  /** Resolves once every update of the document so far is stored. */
  stored(): Promise<void>;
  close(): Promise<void>;
}

/** A readonly transaction starts only after the readwrite ones created before it commit. */
async function afterWritesOf(db: IDBDatabase | null): Promise<void> {
  if (db === null) throw new Error("y-indexeddb has no database open");
  await committed(db.transaction("updates", "readonly"));
}

async function open(kind: StoreKind, name: string): Promise<OpenedStore> {
  const doc = new Y.Doc();
  if (kind === "openvibe") {
    // As a replica opens it: looking for a y-indexeddb database to import is part of loading.
    const store = new LocalDocumentStore(name, doc, { legacyName: `${name}:y-indexeddb` });
    await store.loaded;
    return { doc, stored: () => store.flush(), close: () => store.destroy() };
  }
  const persistence = new IndexeddbPersistence(name, doc);
  await persistence.whenSynced;
  return { doc, stored: () => afterWritesOf(persistence.db), close: () => persistence.destroy() };
}

async function close(opened: OpenedStore): Promise<void> {
  await opened.close();
  opened.doc.destroy();
}

const actor: Actor = { kind: "human", id: "u1" };

export interface Edit {
  threadId: string;
  /** The clock after the fixture's last message. */
  nowMs: number;
}

function post(doc: Y.Doc, edit: Edit, id: string): void {
  const env = createManualEnv({ startMs: edit.nowMs, idPrefix: `${id}-` });
  postMessage(doc, actor, { threadId: edit.threadId, body: `bench message ${id}` }, env);
}

let fixture = new Uint8Array();

/** Fetches the channel (one update) served at `url`; returns its size. */
async function fetchFixture(url: string): Promise<number> {
  fixture = new Uint8Array(await (await fetch(url)).arrayBuffer());
  return fixture.byteLength;
}

/** Stores the fixture as a first sync from the server does: one remote update into an empty copy. */
async function seed(kind: StoreKind, name: string): Promise<void> {
  const opened = await open(kind, name);
  Y.applyUpdate(opened.doc, fixture, "server");
  await opened.stored();
  await close(opened);
}

function holdsFixture(doc: Y.Doc): boolean {
  const have = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVectorFromUpdate(fixture))) {
    if ((have.get(client) ?? 0) < clock) return false;
  }
  return true;
}

/** One page load: open the channel (timed), post one message, wait until it is stored, close. */
async function reload(kind: StoreKind, name: string, edit: Edit, id: string): Promise<number> {
  const started = performance.now();
  const opened = await open(kind, name);
  const loadMs = performance.now() - started;
  if (!holdsFixture(opened.doc)) throw new Error(`${kind} lost part of the channel`);
  post(opened.doc, edit, id);
  await opened.stored();
  await close(opened);
  return loadMs;
}

/** Posts `count` messages one at a time; per message, the time from the post until it is stored. */
async function writeLatencies(kind: StoreKind, name: string, edit: Edit, count: number) {
  const opened = await open(kind, name);
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    post(opened.doc, edit, `w${i}`);
    const started = performance.now();
    await opened.stored();
    latencies.push(performance.now() - started);
  }
  await close(opened);
  return latencies;
}

/** Rows and bytes of the stored updates, counted by reading them. */
async function stored(name: string): Promise<{ rows: number; bytes: number }> {
  const rows = await storedRows(name);
  return { rows: rows.length, bytes: totalBytes(rows) };
}

export const bench = { fetchFixture, seed, reload, writeLatencies, stored };
