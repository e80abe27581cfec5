// For this folder's tests: a channel written through @openvibe/schema, copies of it opened over
// a LocalDocumentStore, and what a person would see of a thread.
import {
  type Actor,
  createManualEnv,
  createThread,
  initChannel,
  postMessage,
  threadView,
} from "@openvibe/schema";
import * as Y from "yjs";
import { LocalDocumentStore, type LocalDocumentStoreOptions } from "./local-document-store.ts";

const alice: Actor = { kind: "human", id: "alice" };
const env = createManualEnv({ idPrefix: "m" });

export interface OpenCopy {
  doc: Y.Doc;
  store: LocalDocumentStore;
}

/** A fresh Y.Doc over a store on database `name`, once loaded (a page load). */
export async function openCopy(
  name: string,
  options: LocalDocumentStoreOptions = {},
): Promise<OpenCopy> {
  const doc = new Y.Doc();
  const store = new LocalDocumentStore(name, doc, options);
  await store.loaded;
  return { doc, store };
}

/** Creates the channel with one thread ("first") in `doc`; returns the thread's id. */
export function startChannel(doc: Y.Doc): string {
  initChannel(doc, "c1");
  return createThread(doc, alice, { title: "Plans", body: "first" }, env).threadId;
}

/**
 * A copy on database `name` holding the channel (plus `messages` after "first"), received from
 * the server as one update and stored.
 */
export async function openWithChannel(
  name: string,
  messages: string[] = [],
): Promise<OpenCopy & { threadId: string }> {
  const server = new Y.Doc();
  const threadId = startChannel(server);
  for (const body of messages) post(server, threadId, body);
  const copy = await openCopy(name);
  Y.applyUpdate(copy.doc, Y.encodeStateAsUpdate(server), "server");
  await copy.store.flush();
  return { ...copy, threadId };
}

export function post(doc: Y.Doc, threadId: string, body: string): void {
  postMessage(doc, alice, { threadId, body }, env);
}

/** The message bodies of a thread's main line, in order. */
export function bodies(doc: Y.Doc, threadId: string): string[] {
  return threadView(doc, threadId)?.messages.map((message) => message.body) ?? [];
}
