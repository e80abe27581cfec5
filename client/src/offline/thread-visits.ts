// A thread document opened in the background (sync/replicas.ts `openThread`, in the connect
// queue's background lane: it waits behind every other document), synced, then closed again: its
// local copy stays (held, not open). A replica that was already open, or that the thread on
// screen uses, stays open.
import { threadDocumentName } from "@openvibe/schema";
import type { Observable } from "../state/observable.ts";
import type { DocumentReplica } from "../sync/document-replica.ts";

/**
 * How long a visit waits for its sync, its turn in the queue included (behind every other
 * document: at sign-in, hundreds of channels), before giving up (offline, server busy).
 */
const SYNC_DEADLINE_MS = 120_000;
/** How long it then waits for its own changes (re-posts) to be acknowledged. */
const SETTLE_DEADLINE_MS = 30_000;

export type VisitedReplica = Pick<
  DocumentReplica,
  | "documentName"
  | "synced"
  | "destroyed"
  | "settled"
  | "doc"
  | "channelId"
  | "threadId"
  | "writable"
>;

export interface ThreadReplicas {
  openThread(channelId: string, threadId: string, options: { background: true }): VisitedReplica;
  find(documentName: string): VisitedReplica | undefined;
  close(documentName: string): void;
}

export interface VisitOptions {
  /** Whether the document is shown now (then it is not closed). */
  isOnScreen(documentName: string): boolean;
  /** Work on the synced replica before it closes (re-posting an old copy's messages). */
  whileOpen(replica: VisitedReplica): Promise<void>;
}

/** Resolves true once `observable` reads true, false after `deadlineMs` or once `stop` does. */
function becomesTrue(
  observable: Observable<boolean>,
  stop: Observable<boolean>,
  deadlineMs: number,
): Promise<boolean> {
  return new Promise((resolve) => {
    const check = () => {
      if (!observable.get() && !stop.get()) return;
      finish(observable.get());
    };
    const stops = [observable.subscribe(check), stop.subscribe(check)];
    const timer = setTimeout(() => finish(false), deadlineMs);
    function finish(outcome: boolean) {
      clearTimeout(timer);
      for (const each of stops) each();
      resolve(outcome);
    }
    check();
  });
}

/** Settles with `promise`, or after `ms` (resolving undefined) if it has not by then. */
function withDeadline<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** Opens, syncs and closes a thread's document; resolves whether it synced. */
export async function visitThread(
  replicas: ThreadReplicas,
  channelId: string,
  threadId: string,
  options: VisitOptions,
): Promise<boolean> {
  const documentName = threadDocumentName(channelId, threadId);
  const wasOpen = replicas.find(documentName) !== undefined;
  const replica = replicas.openThread(channelId, threadId, { background: true });
  const synced = await becomesTrue(replica.synced, replica.destroyed, SYNC_DEADLINE_MS);
  if (synced) await options.whileOpen(replica);
  if (synced) await withDeadline(replica.settled(), SETTLE_DEADLINE_MS);
  const stillOurs = replicas.find(documentName) === replica;
  if (!wasOpen && stillOurs && !options.isOnScreen(documentName)) replicas.close(documentName);
  return synced;
}
