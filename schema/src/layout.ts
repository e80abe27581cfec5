import type * as Y from "yjs";

/**
 * The root types of a channel document (maps, but for `threadIndex`). This module is the only place that names them;
 * everything else reaches the document through these accessors.
 */
export const ROOT_NAMES = {
  meta: "meta",
  threads: "threads",
  forks: "forks",
  messages: "messages",
  reactions: "reactions",
  pins: "pins",
  stopRequests: "stopRequests",
  summaryRequests: "summaryRequests",
  lateArrivals: "lateArrivals",
  toolSteps: "toolSteps",
  toolDecisions: "toolDecisions",
  messageVersions: "messageVersions",
  /**
   * Split layout only (docs/history-split.md): a channel document's thread index, written by the
   * server only. The one root that is not a map: a Y.Array of `{key: threadId, val: digest}`
   * used as a key-value store (y-utility's YKeyValue), see `threadIndexArray`.
   */
  threadIndex: "threadIndex",
} as const;

export const META_KEYS = {
  schemaVersion: "schemaVersion",
  channelId: "channelId",
  /** Split layout only: a thread document's thread id. */
  threadId: "threadId",
  /** Split layout only: "split" on a channel document holding just the thread index. */
  layout: "layout",
} as const;

/** Values are `unknown`: a document received from elsewhere may hold anything. */
export type RootMap = Y.Map<unknown>;

export function metaMap(doc: Y.Doc): RootMap {
  return doc.getMap(ROOT_NAMES.meta);
}

export function threadsMap(doc: Y.Doc): RootMap {
  return doc.getMap(ROOT_NAMES.threads);
}

export function forksMap(doc: Y.Doc): RootMap {
  return doc.getMap(ROOT_NAMES.forks);
}

export function messagesMap(doc: Y.Doc): RootMap {
  return doc.getMap(ROOT_NAMES.messages);
}

export function reactionsMap(doc: Y.Doc): RootMap {
  return doc.getMap(ROOT_NAMES.reactions);
}

export function pinsMap(doc: Y.Doc): RootMap {
  return doc.getMap(ROOT_NAMES.pins);
}

export function stopRequestsMap(doc: Y.Doc): RootMap {
  return doc.getMap(ROOT_NAMES.stopRequests);
}

export function summaryRequestsMap(doc: Y.Doc): RootMap {
  return doc.getMap(ROOT_NAMES.summaryRequests);
}

export function lateArrivalsMap(doc: Y.Doc): RootMap {
  return doc.getMap(ROOT_NAMES.lateArrivals);
}

export function toolStepsMap(doc: Y.Doc): RootMap {
  return doc.getMap(ROOT_NAMES.toolSteps);
}

export function toolDecisionsMap(doc: Y.Doc): RootMap {
  return doc.getMap(ROOT_NAMES.toolDecisions);
}

export function messageVersionsMap(doc: Y.Doc): RootMap {
  return doc.getMap(ROOT_NAMES.messageVersions);
}

/** One item of the thread index: YKeyValue's shape. Values are `unknown`, as in every root. */
export interface ThreadIndexItem {
  key: string;
  val: unknown;
}

/** The thread index root (split channel documents; never read it with `getMap`). */
export function threadIndexArray(doc: Y.Doc): Y.Array<ThreadIndexItem> {
  return doc.getArray(ROOT_NAMES.threadIndex);
}

export type RootName = (typeof ROOT_NAMES)[keyof typeof ROOT_NAMES];

const ROOTS: ReadonlySet<string> = new Set(Object.values(ROOT_NAMES));

export function isRootName(name: string): name is RootName {
  return ROOTS.has(name);
}
