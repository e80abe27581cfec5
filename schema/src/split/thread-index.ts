// The channel's thread list read from a split channel document alone, without any thread
// document. A thread lists from its person-written entry (so one created or renamed offline
// shows at once) and from the server's digest (so one whose person-written entry never arrived
// still lists, and counts come without reading the thread). Where both exist the entry's title
// and status win (the freshest on this device; the server repairs them to the thread's), unless
// the entry is not the thread's at all (another creator or creation stamp): then the digest.
import type * as Y from "yjs";
import { plainActor } from "../actors.ts";
import { compareCodeUnits, compareStamps } from "../clock.ts";
import { threadDigestsMap } from "../layout.ts";
import { readSnapshot } from "../read-models/snapshot.ts";
import type { ThreadSummary } from "../read-models/views.ts";
import type { ThreadRecord } from "../records/thread.ts";
import {
  isEntryOfDigest,
  isThreadDigest,
  plainThreadDigest,
  type ThreadDigest,
} from "../records/thread-digest.ts";

export interface ThreadIndexSummary extends Omit<ThreadSummary, "messageCount"> {
  /** Null until the server has read the thread (a thread made offline). */
  readonly messageCount: number | null;
  /** What the server last read from the thread document; null until then. */
  readonly digest: ThreadDigest | null;
}

function digestsOf(channelDoc: Y.Doc): Map<string, ThreadDigest> {
  const digests = new Map<string, ThreadDigest>();
  threadDigestsMap(channelDoc).forEach((value, threadId) => {
    if (isThreadDigest(value)) digests.set(threadId, plainThreadDigest(value));
  });
  return digests;
}

function summaryOf(
  id: string,
  entry: ThreadRecord | undefined,
  digest: ThreadDigest | undefined,
): ThreadIndexSummary | undefined {
  const own = entry !== undefined && (digest === undefined || isEntryOfDigest(entry, digest));
  const record = own ? entry : digest;
  if (record === undefined) return undefined;
  return {
    id,
    title: record.title,
    status: record.status,
    createdBy: plainActor(record.createdBy),
    createdAt: record.createdAt,
    messageCount: digest?.messageCount ?? null,
    lastActivityAt: digest?.lastActivityAt ?? record.createdAt,
    digest: digest ?? null,
  };
}

/** Like `listThreads`: by last activity (the thread's creation until read), ties by id. */
export function listThreadIndex(channelDoc: Y.Doc): ThreadIndexSummary[] {
  const entries = readSnapshot(channelDoc).threads;
  const digests = digestsOf(channelDoc);
  const summaries: ThreadIndexSummary[] = [];
  for (const id of new Set([...entries.keys(), ...digests.keys()])) {
    const summary = summaryOf(id, entries.get(id), digests.get(id));
    if (summary !== undefined) summaries.push(summary);
  }
  return summaries.sort(
    (a, b) => compareStamps(b.lastActivityAt, a.lastActivityAt) || compareCodeUnits(a.id, b.id),
  );
}
